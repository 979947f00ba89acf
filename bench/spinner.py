"""A synonym-swap article spinner, the kind content farms use to disguise copied news.

It replaces common words by thesaurus neighbours ("said" -> "mentioned", "victims" ->
"sufferers"), with the blind word-for-word swaps real spinners make, and leaves alone what a
spinner cannot safely touch: capitalised words (names, places, sentence starts), numbers and
quotations. The table is written by hand for ~400 frequent news words and phrases; no
download at run time. Used by `bench/paraphrase_pairs.py` to make reworded copies of BBC
articles that share < 1/5 of their word 5-grams with the original.

    python -m bench.spinner < article.txt
"""

from __future__ import annotations

import random
import re
import sys

# Surface form -> neighbours, for ~550 frequent news words (reporting verbs, common verbs and
# nouns, adjectives, and the function words content farms' thesauri also swap: "only" -> "most
# effective", "could" -> "may just", "by" -> "through"; that is what breaks the 5-grams).
# Inflected forms are listed on their own: a spinner swaps strings, not lemmas.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "able": ("in a position",), "about": ("approximately",), "abuse": ("mistreatment",),
    "according": ("in step with", "in line with"), "account": ("be counted",), "accounts": ("bills",),
    "accused": ("charged",), "across": ("throughout",), "action": ("motion",),
    "added": ("further", "additionally stated"), "administration": ("management",), "admitted": ("conceded",),
    "after": ("following",), "again": ("once more",), "against": ("towards",), "agency": ("company",),
    "ago": ("in the past",), "agreed": ("concurred",), "agreement": ("settlement",), "ahead": ("forward",),
    "aid": ("help",), "aim": ("intention", "goal"), "all": ("all of the",), "allow": ("permit",),
    "allowed": ("authorised",), "almost": ("nearly", "virtually"), "also": ("additionally",),
    "although": ("even though",), "among": ("amongst",), "amount": ("quantity",),
    "announce": ("declare", "introduce"), "announced": ("introduced", "declared"),
    "announcement": ("statement",), "annual": ("once a year",), "another": ("any other", "some other"),
    "area": ("space",), "areas": ("spaces",), "argued": ("contended",), "around": ("round", "about"),
    "asked": ("requested",), "assets": ("property",), "attack": ("assault",), "attacks": ("assaults",),
    "audience": ("target audience",), "authorities": ("government", "government"),
    "average": ("moderate", "reasonable"), "back": ("again",), "bad": ("dangerous",),
    "bank": ("financial institution",), "bankruptcy": ("chapter 11", "insolvency"),
    "based": ("primarily based", "founded"), "beat": ("overcome",),
    "because": ("as a result of", "as a result of"), "become": ("turn into",), "before": ("prior to",),
    "began": ("commenced",), "begin": ("start",), "believe": ("suppose", "think"), "believed": ("idea",),
    "believes": ("thinks",), "below": ("underneath",), "benefits": ("advantages",),
    "best": ("highest", "easiest"), "better": ("higher", "greater"), "bid": ("be offering", "offer"),
    "big": ("large", "huge"), "biggest": ("greatest", "largest"), "boost": ("raise",), "both": ("each",),
    "bought": ("purchased",), "brave": ("courageous",), "bring": ("carry",),
    "brought": ("added", "introduced"), "budget": ("funds", "price range"), "business": ("trade", "industry"),
    "businesses": ("companies",), "buy": ("purchase",), "buying": ("purchasing",),
    "by": ("by means of", "through"), "called": ("referred to as",), "came": ("got here", "arrived"),
    "campaign": ("marketing campaign",), "can": ("may",), "car": ("automobile", "vehicle"),
    "care": ("concern",), "career": ("profession",), "case": ("example",), "cases": ("instances",),
    "cash": ("money",), "chair": ("chairperson",), "challenge": ("problem",), "chance": ("likelihood",),
    "change": ("exchange", "trade"), "changed": ("modified",), "changes": ("adjustments", "modifications"),
    "charges": ("fees",), "chief": ("leader",), "child": ("kid",), "children": ("kids", "youngsters"),
    "cities": ("towns",), "city": ("town",), "claim": ("assert", "declare"), "claimed": ("asserted",),
    "claims": ("assertions", "asserts"), "clear": ("transparent",), "close": ("shut",),
    "club": ("membership",), "coach": ("trainer",), "come": ("arrive",), "comes": ("arrives",),
    "coming": ("arriving",), "comments": ("feedback", "remarks"), "community": ("group",),
    "companies": ("firms",), "company": ("corporate", "firm"), "compared": ("when put next",),
    "competition": ("festival", "pageant"), "computer": ("laptop",), "confidence": ("self belief",),
    "confirmed": ("showed", "verified"), "consumer": ("shopper",), "continue": ("proceed",),
    "continued": ("persisted", "endured"), "control": ("keep an eye on", "regulate"),
    "corporate": ("company",), "cost": ("price",), "costs": ("prices",), "could": ("may just", "may"),
    "countries": ("nations",), "country": ("nation",), "court": ("courtroom",), "cover": ("duvet", "quilt"),
    "create": ("generate",), "created": ("generated",), "credit": ("credit score",), "criminal": ("legal",),
    "culture": ("tradition",), "currency": ("forex",), "current": ("present",),
    "currently": ("these days", "recently"), "customers": ("consumers", "shoppers"), "cut": ("lower",),
    "damage": ("injury", "harm"), "data": ("knowledge",), "deal": ("settlement",), "debt": ("debts",),
    "decided": ("determined",), "decision": ("verdict", "resolution"), "deficit": ("shortfall",),
    "demand": ("call for",), "denied": ("refused",), "described": ("defined",), "despite": ("regardless of",),
    "develop": ("expand", "broaden"), "development": ("building",), "devices": ("gadgets",),
    "different": ("other",), "difficult": ("tough",), "digital": ("virtual",), "director": ("administrator",),
    "document": ("file",), "dollar": ("greenback", "buck"), "domestic": ("home",),
    "during": ("all through", "right through"), "each": ("each and every", "every"), "earlier": ("previous",),
    "earnings": ("income",), "economic": ("financial",), "economy": ("economic system",), "end": ("finish",),
    "energy": ("power",), "enough": ("sufficient",), "ensure": ("make sure", "be certain"), "even": ("also",),
    "event": ("match", "tournament"), "every": ("each and every",), "evidence": ("proof",),
    "exchange": ("alternate", "trade"), "executive": ("government", "govt"), "executives": ("bosses",),
    "expect": ("anticipate",), "expectations": ("expectancies",), "expected": ("anticipated", "predicted"),
    "experience": ("revel in",), "explained": ("defined",), "face": ("confront",), "faced": ("confronted",),
    "faces": ("confronts",), "facing": ("going through", "dealing with"), "fact": ("truth",),
    "fall": ("drop",), "fans": ("lovers", "enthusiasts"), "far": ("a long way",), "fell": ("dropped",),
    "figure": ("determine",), "figures": ("numbers",), "film": ("movie",), "films": ("movies",),
    "financial": ("monetary",), "find": ("discover",), "firm": ("company",), "firms": ("companies",),
    "first": ("first actual",), "focus": ("center of attention",), "follow": ("observe",),
    "followed": ("adopted",), "following": ("after",), "food": ("meals",), "forced": ("compelled",),
    "foreign": ("overseas",), "former": ("previous",), "found": ("determined",), "free": ("loose",),
    "fuel": ("gas",), "full": ("complete",), "funds": ("finances", "budget"), "further": ("additional",),
    "future": ("long run",), "game": ("sport", "recreation"), "games": ("video games", "sports"),
    "gave": ("supplied",), "general": ("normal", "common"), "get": ("obtain",), "getting": ("obtaining",),
    "giant": ("large",), "girls": ("ladies",), "give": ("supply", "provide"), "given": ("supplied",),
    "global": ("world",), "go": ("move",), "goal": ("purpose",), "going": ("heading",),
    "good": ("just right", "excellent"), "goods": ("items",), "got": ("were given", "received"),
    "government": ("authorities", "executive"), "great": ("nice", "excellent"),
    "group": ("workforce", "staff"), "groups": ("teams",), "grow": ("develop",), "growing": ("rising",),
    "growth": ("enlargement", "expansion"), "half": ("part",), "hands": ("arms",), "happen": ("occur",),
    "happened": ("came about",), "hard": ("arduous", "onerous"), "has": ("has now",), "have": ("have got",),
    "health": ("well being",), "hearing": ("listening to",), "held": ("hosted", "maintained"),
    "help": ("assist",), "helped": ("assisted",), "high": ("top", "excessive"), "higher": ("upper",),
    "highest": ("easiest", "absolute best"), "historic": ("historical",), "historical": ("ancient",),
    "history": ("historical past",), "hit": ("struck",), "hold": ("preserve",), "home": ("house",),
    "house": ("area",), "however": ("alternatively",), "huge": ("massive",), "impact": ("have an effect on",),
    "important": ("essential",), "improve": ("strengthen", "toughen up"), "improved": ("advanced",),
    "include": ("consist of",), "included": ("incorporated",),
    "including": ("together with", "consisting of"), "income": ("source of revenue",), "increase": ("boom",),
    "increased": ("elevated",), "independent": ("impartial",), "industry": ("trade",),
    "information": ("knowledge", "data"), "injury": ("harm",), "insisted": ("maintained",),
    "insurance": ("insurance coverage",), "interest": ("pastime", "hobby"), "international": ("global",),
    "internet": ("web",), "investigate": ("examine", "inspect"), "investment": ("funding",),
    "investors": ("buyers", "traders"), "involved": ("concerned",), "issue": ("factor", "problem"),
    "issues": ("problems",), "jail": ("prison", "imprison"), "job": ("process", "activity"),
    "jobs": ("positions",), "judge": ("pass judgement on",), "just": ("simply",),
    "keep": ("maintain", "preserve"), "kept": ("stored", "saved"), "know": ("recognize",),
    "known": ("recognized",), "labour": ("hard work",), "large": ("massive",),
    "largest": ("greatest", "biggest"), "last": ("remaining", "final"), "late": ("overdue",),
    "latest": ("newest",), "launch": ("release",), "launched": ("introduced", "released"),
    "law": ("legislation",), "lead": ("result",), "leader": ("chief",), "leading": ("main",),
    "leave": ("depart",), "legal": ("felony", "prison"), "less": ("much less", "fewer"), "level": ("stage",),
    "levels": ("ranges",), "life": ("lifestyles", "existence"), "likely": ("most probably",),
    "list": ("checklist",), "local": ("native",), "long": ("lengthy",), "look": ("appear",),
    "looked": ("regarded",), "looking": ("searching",), "lost": ("misplaced",), "low": ("minimal",),
    "lower": ("decrease",), "made": ("created",), "main": ("primary",), "major": ("primary", "main"),
    "make": ("create",), "making": ("creating",), "man": ("guy",), "management": ("control",),
    "manufacturing": ("production",), "many": ("numerous",), "market": ("marketplace",),
    "markets": ("marketplaces",), "match": ("fit",), "may": ("would possibly", "might"), "means": ("method",),
    "meet": ("satisfy",), "meeting": ("assembly",), "members": ("participants", "individuals"),
    "men": ("males",), "mobile": ("cellular",), "moment": ("second",), "money": ("cash", "finances"),
    "more": ("extra", "greater"), "most": ("maximum",), "move": ("transfer",), "movie": ("film",),
    "much": ("a lot", "so much"), "music": ("song",), "must": ("will have to", "should"),
    "national": ("nationwide",), "nations": ("countries",), "need": ("want",), "needed": ("wanted",),
    "needs": ("desires", "wishes"), "network": ("community",), "new": ("recent", "contemporary"),
    "news": ("information",), "newspaper": ("paper",), "next": ("subsequent",),
    "not": ("no longer", "now not"), "number": ("choice", "quantity"), "offer": ("be offering", "present"),
    "offered": ("presented",), "office": ("place of job", "workplace"),
    "official": ("professional", "legitimate"), "officials": ("officers",), "often": ("ceaselessly",),
    "old": ("outdated",), "on": ("at",), "once": ("as soon as",), "online": ("on-line",),
    "only": ("most effective", "simplest"), "operating": ("working", "running"),
    "opportunity": ("alternative",), "other": ("different",), "over": ("over the top of",),
    "overall": ("total", "general"), "own": ("personal",), "paid": ("compensated",), "part": ("a part",),
    "party": ("birthday party", "celebration"), "past": ("previous",), "people": ("folks", "other folks"),
    "performance": ("efficiency",), "period": ("duration",), "phone": ("telephone",),
    "phones": ("telephones",), "place": ("position",), "plan": ("scheme",), "planned": ("deliberate",),
    "plans": ("schemes",), "play": ("perform",), "played": ("performed",), "player": ("participant",),
    "players": ("avid gamers", "gamers"), "playing": ("taking part in",), "point": ("level",),
    "points": ("issues", "factors"), "policies": ("insurance policies",), "policy": ("coverage",),
    "poor": ("deficient",), "popular": ("standard", "fashionable"), "position": ("place",),
    "positive": ("sure", "certain"), "possible": ("conceivable", "imaginable"),
    "potential": ("attainable", "possible"), "power": ("energy", "facility"), "pressure": ("force", "power"),
    "prevent": ("save you", "stop"), "previous": ("earlier", "former"), "previously": ("prior to now",),
    "price": ("value",), "prices": ("costs",), "prime": ("top",), "private": ("non-public",),
    "problem": ("drawback", "downside"), "problems": ("issues",), "process": ("procedure",),
    "production": ("manufacturing",), "products": ("merchandise",), "profit": ("benefit",),
    "profits": ("earnings",), "programme": ("program",), "project": ("venture", "mission"),
    "property": ("assets",), "protect": ("offer protection to", "safeguard"), "protection": ("coverage",),
    "provide": ("give", "supply"), "provided": ("supplied",), "published": ("revealed", "printed"),
    "put": ("placed",), "quarter": ("area",), "question": ("query",), "questions": ("queries",),
    "raise": ("lift",), "rate": ("charge", "price"), "rates": ("charges",), "rather": ("relatively",),
    "reach": ("attain",), "reached": ("attained",), "real": ("actual",), "really": ("actually",),
    "recent": ("contemporary", "fresh"), "recently": ("not too long ago",), "record": ("report", "file"),
    "recovery": ("restoration",), "reduce": ("scale back", "cut back"), "release": ("discharge", "unlock"),
    "released": ("launched", "freed"), "remain": ("stay",), "remains": ("stays",),
    "report": ("document", "file"), "reported": ("pronounced", "stated"), "reports": ("studies", "files"),
    "research": ("analysis",), "result": ("end result",), "results": ("effects",), "return": ("go back",),
    "revealed": ("published", "disclosed"), "revenue": ("income",), "right": ("proper",),
    "rise": ("upward thrust", "upward push"), "rising": ("emerging",), "risk": ("chance", "possibility"),
    "role": ("function", "position"), "rose": ("increased",), "rules": ("regulations",), "run": ("operate",),
    "running": ("walking", "operating"), "said": ("mentioned", "stated", "stated that"),
    "sales": ("gross sales",), "same": ("identical", "similar"), "saw": ("noticed",),
    "say": ("state", "mention"), "saying": ("pronouncing", "announcing"), "says": ("mentions", "states"),
    "scale": ("scope",), "school": ("faculty",), "schools": ("colleges",), "second": ("2d",),
    "sector": ("sphere",), "security": ("safety",), "see": ("view",), "seek": ("search",),
    "seen": ("noticed",), "sell": ("promote",), "selling": ("promoting",), "series": ("collection",),
    "serious": ("critical", "severe"), "service": ("carrier", "provider"),
    "services": ("products and services",), "set": ("set up",), "several": ("a number of",),
    "share": ("proportion",), "shares": ("stocks", "stocks and shares"), "short": ("quick",),
    "should": ("must", "will have to"), "show": ("display",), "showed": ("indicated", "confirmed"),
    "shown": ("proven",), "shows": ("suggests", "indicates"), "side": ("aspect",),
    "significant": ("important",), "similar": ("an identical",), "since": ("for the reason that",),
    "site": ("web page",), "sites": ("websites",), "slightly": ("rather", "a bit"),
    "software": ("instrument",), "sold": ("offered",), "some": ("a few",), "song": ("music",),
    "specific": ("particular",), "spokesman": ("spokesperson",), "staff": ("body of workers",),
    "stage": ("level",), "star": ("superstar",), "start": ("begin",), "started": ("commenced", "began"),
    "state": ("nation",), "statement": ("observation", "commentary"), "still": ("nonetheless",),
    "stock": ("inventory",), "stop": ("prevent", "halt"), "strong": ("robust",),
    "suggested": ("prompt", "instructed"), "supply": ("provide",), "support": ("reinforce", "strengthen"),
    "supported": ("sponsored",), "system": ("machine", "device"), "talks": ("negotiations",),
    "target": ("goal", "focus on"), "tax": ("levy",), "team": ("crew", "group"), "technology": ("era",),
    "television": ("tv",), "tell": ("inform", "advise"), "term": ("time period",), "then": ("afterwards",),
    "these": ("those",), "think": ("suppose",), "those": ("the ones",), "thought": ("notion", "idea"),
    "through": ("via", "thru"), "time": ("period",), "times": ("occasions",), "title": ("identify",),
    "told": ("advised", "informed"), "too": ("additionally",), "took": ("took hold of",), "top": ("best",),
    "total": ("general",), "towns": ("cities",), "trade": ("industry",), "trading": ("buying and selling",),
    "trial": ("ordeal",), "tried": ("attempted",), "trying": ("attempting",), "turn": ("flip",),
    "turned": ("grew to become",), "under": ("beneath", "underneath"), "unit": ("department",),
    "until": ("till",), "use": ("employ",), "used": ("applied",), "users": ("customers",),
    "using": ("the usage of", "employing"), "value": ("worth",), "victim": ("sufferer",),
    "victims": ("sufferers",), "victory": ("win",), "views": ("perspectives",), "voters": ("electorate",),
    "vulnerable": ("susceptible",), "want": ("need", "desire"), "wanted": ("desired", "sought after"),
    "wants": ("desires",), "war": ("conflict",), "warn": ("caution",), "warned": ("cautioned",),
    "was": ("used to be", "was once"), "way": ("approach", "means"), "ways": ("techniques", "methods"),
    "website": ("web site",), "well": ("smartly", "neatly"), "went": ("headed",), "were": ("have been",),
    "when": ("whilst",), "where": ("the place",), "whether": ("whether or not",), "which": ("that",),
    "while": ("whilst",), "whole": ("entire",), "will": ("shall",), "win": ("triumph",),
    "within": ("inside of", "inside"), "without": ("with out",), "woman": ("lady",), "women": ("ladies",),
    "won": ("gained", "received"), "work": ("paintings",), "worked": ("labored",), "workers": ("employees",),
    "working": ("operating",), "world": ("global", "international"), "worth": ("value",), "would": ("might",),
    "year": ("12 months", "yr"), "years": ("a long time", "12 months"), "yet": ("but",),
    "young": ("younger",),
}

_WORD = re.compile(r"[A-Za-z]+|[^A-Za-z]+")
_QUOTE_CHARS = '"\u201c\u201d'


def spin_line(line: str, rng: random.Random, rate: float = 0.95) -> str:
    """Swap lower-case table words outside quotes for a neighbour, each with probability `rate`."""
    out: list[str] = []
    in_quote = False
    for token in _WORD.findall(line):
        if not token[0].isalpha():
            in_quote ^= sum(token.count(q) for q in _QUOTE_CHARS) % 2 == 1
            out.append(token)
            continue
        neighbours = SYNONYMS.get(token)
        if in_quote or neighbours is None or not token.islower() or rng.random() >= rate:
            out.append(token)
        else:
            out.append(rng.choice(neighbours))
    return "".join(out)


def spin(text: str, seed: int = 0, rate: float = 0.95) -> str:
    """Spun copy of a plain-text article (one paragraph a line); deterministic for a seed."""
    rng = random.Random(seed)
    return "\n".join(spin_line(line, rng, rate) for line in text.split("\n"))


if __name__ == "__main__":
    sys.stdout.write(spin(sys.stdin.read()))
