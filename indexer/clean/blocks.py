"""Block structure: a header line ("Related Articles", "5 comments so far") opens a block of
other headlines or of reader comments that the line-by-line view cannot recognise on its own.

A related block runs until the article body resumes (a long, punctuated, prose-like line); a
comments block runs to the end of the page, because comment text reads exactly like body text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.clean.lines import LineFeatures, is_body_like, next_content, pattern_reason
from indexer.clean.settings import CleanSettings

# What decorates a header line; matched on normalised text, where "»" and "›" read as quotes.
_HEADER_STRIP = " .:;,!…\"'>|-*#•·▪►[](){}"
_LEADING_ICONS = re.compile(r"^[^\w\s]+ ?")

_RELATED_HEADER = re.compile(
    r"^(related|see also|read more|further reading|also read|read also|recommended|"
    r"you (may|might) (also )?(like|enjoy|be interested in)( the following( \w+)?)?( as well)?|"
    r"(recommended|picked|selected|curated|hand-?picked) (just |especially )?for you|"
    r"(other |more )?(posts|articles|stories|reads|guides) (we think )?you('ll| will| may| might| would)( also)? "
    r"(like|enjoy|love|find (interesting|useful|helpful))|"
    r"more (on|from|about|in|like) [\w' ]{1,40}|"
    r"((today|this week)'?s )?most[ -](read|popular|viewed|shared|emailed|sent|commented)( \w+| (in|on|from) [\w'&. -]{1,30})?|"
    r"trending( now| (in|on) [\w'&. -]{1,30})?|editor'?s?'? picks?|around the web|from (around )?the web|what to read next|"
    r"in other news|just in|don'?t miss|read (this )?next|up next|you may have missed|in case you missed it|"
    # "Top Michigan Business News", "More Football News from TEAMtalk", "Related coverage"
    r"(top|more|latest|related|recent|popular|other|featured|trending|similar|recommended|sponsored|"
    r"promoted|partner|breaking|most popular|you may also like)( [\w'&.-]+){0,3} "
    r"(news|stories|articles?|headlines|videos?|posts|blogs?|links|reads|features|reports|coverage|content|"
    r"items|topics|reading|galleries|photos)( (from|on|in|at) [\w'&. -]{1,30})?|"
    r"popular (on|in|at) [\w'&. -]{1,30})$"
)
# "Most read", "most popular diets" in the commonest other languages of news sites.
_MOST_READ_TRANSLATED = re.compile(
    r"^((самые|самое) (популярные|популярное|читаемые|читаемое|обсуждаемые|обсуждаемое)|"
    r"(die )?(beliebtesten|meistgelesenen|meistgesehenen)|(les )?plus (lus|populaires|consultés|partagés)|"
    r"((lo|los|las) )?más (leído|leídos|leídas|visto|vistos|populares)|((os|as) )?mais (lidos|lidas|populares|vistos)|"
    r"((i|le) )?più (letti|lette|popolari|visti))( \w+)?$"
)
# The same headers in the commonest other languages of news sites, as whole lines (a set: one
# lookup, where a regex of as many alternatives would try each on every short line).
_RELATED_HEADER_TRANSLATED = frozenset(
    [
        # German
        "mehr zum thema",
        "weitere artikel",
        "weitere beiträge",
        "weitere nachrichten",
        "weitere meldungen",
        "weitere artikel zum thema",
        "weitere beiträge zum thema",
        "das könnte sie auch interessieren",
        "das könnte dich auch interessieren",
        "lesen sie auch",
        "lies auch",
        "auch interessant",
        "ähnliche artikel",
        "ähnliche beiträge",
        "verwandte artikel",
        "verwandte themen",
        "meistgelesen",
        "meistgelesene artikel",
        # French
        "à lire aussi",
        "a lire aussi",
        "lire aussi",
        "à lire également",
        "à voir aussi",
        "voir aussi",
        "sur le même sujet",
        "sur le même thème",
        "articles similaires",
        "articles liés",
        "articles connexes",
        "vous aimerez aussi",
        "vous aimerez peut-être aussi",
        "les plus lus",
        "dans la même rubrique",
        # Spanish
        "noticias relacionadas",
        "artículos relacionados",
        "notas relacionadas",
        "te puede interesar",
        "también te puede interesar",
        "te podría interesar",
        "lee también",
        "lea también",
        "más noticias",
        "lo más leído",
        "lo más visto",
        "más leídas",
        "las más leídas",
        "te recomendamos",
        "contenido relacionado",
        # Portuguese
        "leia também",
        "leia mais",
        "veja também",
        "notícias relacionadas",
        "artigos relacionados",
        "posts relacionados",
        "matérias relacionadas",
        "mais lidas",
        "você pode gostar",
        "você também pode gostar",
        "conteúdo relacionado",
        "mais notícias",
        # Italian
        "leggi anche",
        "articoli correlati",
        "notizie correlate",
        "potrebbe interessarti",
        "ti potrebbe interessare",
        "potrebbero interessarti",
        "più letti",
        "i più letti",
        "più lette",
        "altre notizie",
        # Dutch
        "lees ook",
        "gerelateerde artikelen",
        "gerelateerde berichten",
        "meer nieuws",
        "meest gelezen",
        "ook interessant",
        "bekijk ook",
        # Polish
        "czytaj też",
        "czytaj także",
        "czytaj również",
        "zobacz też",
        "zobacz także",
        "zobacz również",
        "powiązane artykuły",
        "najczęściej czytane",
        # Russian
        "материалы по теме",
        "читайте также",
        "читайте ещё",
        "читайте еще",
        "похожие статьи",
        "похожие новости",
        "похожие материалы",
        "другие новости",
        "новости по теме",
        "смотрите также",
        "самое читаемое",
        "вам также может быть интересно",
        "вам может быть интересно",
        "похожие записи",
        # WordPress's "Recent Posts" widget in the same languages
        "neueste beiträge",
        "articles récents",
        "entradas recientes",
        "posts recentes",
        "articoli recenti",
        "recente berichten",
        "najnowsze wpisy",
        "свежие записи",
        "son yazılar",
        # Turkish
        "ilgili haberler",
        "benzer haberler",
        "bunlar da ilginizi çekebilir",
        # Japanese, Chinese (simplified and traditional), Korean
        "関連記事",
        "関連ニュース",
        "おすすめ記事",
        "人気記事",
        "あわせて読みたい",
        "相关文章",
        "相关新闻",
        "相关阅读",
        "相關文章",
        "相關新聞",
        "相關閱讀",
        "推荐阅读",
        "延伸阅读",
        "延伸閱讀",
        "热门文章",
        "관련기사",
        "관련 기사",
        "많이 본 뉴스",
    ]
)
# The writer's note under the article: "About the author", "About the Author: Jane Doe",
# "Author bio", and the same in the commonest other languages of news sites.
_AUTHOR_HEADER = re.compile(
    r"^((more )?about (the |this )?(authors?|writers?|contributors?|columnists?|reviewers?)|"
    r"(the )?authors?'?s? (bio|biography|profile|note)|"
    r"sobre (o|a|el|la|os|los) (autor|autora|autores)|über (den|die) (autor|autorin|autoren)|"
    r"(à )?propos de l'(auteur|autrice)|(sull'|l')autore|over de auteur|o autorze|об авторе)"
    r"(: [^:]{1,60})?$"
)
# Comment sections open with a few words about comments: "53 Comments", "Your Comments",
# "COMMENTS (14) Post a comment". Such a header opens a block on its own (if body precedes it).
# The keyword is a word of its own, not code ("response-message: 234ms", "response.ok",
# "response: {"id": 1}").
_COMMENTS_HEADER = re.compile(
    r"^((\d+ )?(your |user |reader |readers'? |latest |recent |all |show |view |read |load |see )?"
    r"(comments?|comment\(s\)|responses?|reactions?)\b(?![-_]|\.\w|:? ?\{)|\d+ (comments?|responses?|replies)\b|"
    # the same in other languages, plural only (German "Kommentar" is also an opinion piece)
    r"(\d+ )?(kommentare|commentaires|comentarios|comentários|commenti|reacties|komentarze|комментарии|"
    r"yorumlar|コメント|评论|評論|댓글)\b)"
)
# A question ("Comments, ideas, improvements?") invites comments, and a bare "Response:" labels an
# answer (an interview, a prompt and its reply, an API call): like the calls below, they open a
# block only when comment markers follow.
_COMMENTS_ASKED = re.compile(r"\?$|^response$")
# Many CMSs title the thread with its count and the post's own title in quotes: "34 Responses to
# “Anthony Lynn: …”", "12 thoughts on “…”", "One Response to “…”" (a "?" where a scraper lost the
# quote). Naming the post, it is never a link above the article, so it opens the block however
# much prose follows, and may be as long as the title.
_THREAD_TITLE = re.compile(r"^(\d+|one|no) (comments?|responses?|replies|thoughts?) (on|to) [\"“'‘«?]")
# A thread closed to new comments says so above the comments it keeps: that notice opens the block
# however much prose follows, as a thread title does.
_THREAD_CLOSED = re.compile(r"^comments (are|have been) (now )?(closed|disabled|turned off)\b")
# Calls to comment ("Have your say", "Post a comment", "Tell us what you think...") also appear
# as links inside the article, so they open a block only when comment markers follow.
_COMMENTS_CALL = re.compile(
    r"^((add|post|leave|write|submit) (a |your |new |a new )?(comment|reply|response)|"
    r"comment on this|(join|start) the (conversation|discussion)|(have )?your say|talkback|"
    r"(tell us )?what (do )?(you|others are) (think|saying)|discuss this|discussion$|"
    r"(deixe|deixar) (um|seu) comentário|(deja|dejar|escribe) (un|tu) comentario|"
    r"(laisser|laissez|écrire) un commentaire|(lascia|lasciare|scrivi) un commento|"
    r"(schreibe|schreiben sie) einen kommentar|kommentar schreiben|(laat|plaats) een reactie|"
    r"dodaj komentarz|(оставить|оставьте|написать) комментарий|yorum (yap|yaz)|"
    r"コメントを(書く|残す|投稿)|[发發]表[评評][论論])"
)
# Lines that only occur inside comment threads; they confirm that a comments header is real.
_COMMENT_MARKER = re.compile(
    r"(^posted by\b|^comment by\b|\b(says|said|wrote) ?:$|^reply$|"
    r"^(responder|responda|antworten|répondre|rispondi|ответить|beantwoorden|odpowiedz|yanıtla|返信|回复|답글)$|\breport (abuse|this comment)\b|"
    r"^(recommend|flag|like|reply)( \|)|\bpermalink\b|^\d+ (points?|likes?|replies)$|"
    r"^(rating|score|votes?): ?[+-]?\d+( votes?)?$|^[+-]?\d+ votes?$)"
)


# A comment's signature often hangs from a dash or bullet ("— Posted by Tom"; "?" where a
# scraper lost the character).
_SIGNATURE_LEAD = " -–—•·*?"


def header_kind(f: LineFeatures, settings: CleanSettings) -> str | None:
    """'related', 'comments', 'comments_call', 'thread' or 'author' when the line is a block
    header, else None."""
    if f.blank:
        return None
    first = f.low[:1]  # a thread title opens with its count ("34", "one", "no"): most lines skip the regex
    if (first.isdigit() or first in ("o", "n") or first in _HEADER_STRIP) and _THREAD_TITLE.match(
        f.low.lstrip(_HEADER_STRIP)
    ):
        return "thread"
    if f.words > settings.block_header_max_words:
        return None
    low = f.low.strip(_HEADER_STRIP)
    if low[:1] and not low[0].isalnum():
        low = _LEADING_ICONS.sub("", low)  # an icon before the header: "🔥 Recommended Posts"
    if low.startswith("comments ") and _THREAD_CLOSED.match(low):
        return "thread"
    if _COMMENTS_HEADER.match(low):
        return "comments_call" if _COMMENTS_ASKED.search(low) else "comments"
    if _COMMENTS_CALL.match(low):
        return "comments_call"
    if low in _RELATED_HEADER_TRANSLATED or _RELATED_HEADER.match(low) or _MOST_READ_TRANSLATED.match(low):
        return "related"
    if _AUTHOR_HEADER.match(low):
        return "author"
    return None


def block_reasons(
    lines: Sequence[str], features: Sequence[LineFeatures], settings: CleanSettings
) -> dict[int, tuple[str, float]]:
    """Line index -> (reason, score) for every line inside a related, comments or writer's
    note block (the note goes as `byline`)."""
    reasons: dict[int, tuple[str, float]] = {}
    body_words = 0
    i = 0
    n = len(features)
    while i < n:
        f = features[i]
        kind = header_kind(f, settings)
        if (kind == "thread" and body_words >= settings.comments_min_body_words_before) or (
            kind in ("comments", "comments_call")
            and _comments_block_is_real(
                features, i, body_words, needs_marker=kind == "comments_call", settings=settings
            )
        ):
            for j in range(i, n):
                reasons[j] = ("comments", 0.8)
            break
        end = None
        if kind == "related":
            end, reason = _related_block_end(lines, features, i, settings), ("related", 0.75)
        elif kind == "author" and body_words >= settings.comments_min_body_words_before:
            end, reason = _author_note_end(lines, features, i, settings), ("byline", 0.75)
        if end is not None:
            for j in range(i, end):
                reasons[j] = reason
            i = end
            continue
        if is_body_like(f, settings):
            body_words += f.words
        i += 1
    return reasons


def _related_block_end(
    lines: Sequence[str], features: Sequence[LineFeatures], start: int, settings: CleanSettings
) -> int:
    """First index after the block: where prose resumes, another header opens, or the cap is hit.
    A short paragraph followed at once by the next card's "Read more" header, or by the next
    card's title, is the card's summary, not the article resuming."""
    seen = 0
    summaries = 0  # card summaries passed so far
    j = start + 1
    while j < len(features) and seen < settings.related_block_max_lines:
        f = features[j]
        if not f.blank:
            if header_kind(f, settings) is not None:
                return j
            if _resumes_body(f, settings):
                if not (
                    f.words <= settings.teaser_max_words
                    and _card_follows(lines, features, j, summaries, settings)
                ):
                    return _opening_prose(features, start, j, settings)
                summaries += 1
            seen += 1
        j += 1
    return j


def _author_note_end(
    lines: Sequence[str], features: Sequence[LineFeatures], start: int, settings: CleanSettings
) -> int | None:
    """First index after the writer's note: the next header or line of other clutter (a share
    bar goes for its own reason), a short line after the note's prose (its name and role come
    before it), or the `author_note_max_lines`-th line. None when the note would hold more than
    `author_note_max_words` words of prose: a text that long under the header is the article's
    own (a book review's section on the book's author)."""
    lines_seen = words = 0
    j = start + 1
    while j < len(features):
        f = features[j]
        if not f.blank:
            prose = f.words if is_body_like(f, settings) else 0
            if (
                header_kind(f, settings) is not None
                or pattern_reason(lines[j], f, settings) is not None
                or (words and not prose)
                or lines_seen == settings.author_note_max_lines
            ):
                break
            lines_seen += 1
            words += prose
            if words > settings.author_note_max_words:
                return None
        j += 1
    return j


def _opening_prose(
    features: Sequence[LineFeatures], start: int, resumed: int, settings: CleanSettings
) -> int:
    """Where the body resumes, counting the short sentences just before the first long one (an
    article may open with one: "'Cloverfield' is an old-fashioned film with a newfangled shape.")."""
    first = resumed
    for j in range(resumed - 1, start, -1):
        if features[j].blank:
            continue
        if not is_body_like(features[j], settings):
            break
        first = j
    return first


def _card_follows(
    lines: Sequence[str], features: Sequence[LineFeatures], at: int, summaries: int, settings: CleanSettings
) -> bool:
    """The short paragraph at `at` is a card's summary: the next card's "Read more" header or
    title follows it, or, once the block has passed a card's summary already, the page's end
    or its footer's clutter does (the last card's summary)."""
    following = next_content(features, at)
    if following is None:
        return summaries > 0
    f = features[following]
    if header_kind(f, settings) == "related" or _is_card_title(lines, features, following, settings):
        return True
    return summaries > 0 and pattern_reason(lines[following], f, settings) is not None


def _is_card_title(
    lines: Sequence[str], features: Sequence[LineFeatures], at: int, settings: CleanSettings
) -> bool:
    """The line at `at` is a card's title: headline-shaped, not a clutter line ("Sign in to
    e-mail this"), and over the card's own summary, with at most `teaser_max_heads` lines
    of the card's head in all (a date and a section label may stand between), not over a
    paragraph longer than any summary (the article resuming with a short paragraph and a
    section)."""
    f = features[at]
    if not (
        settings.headline_min_words <= f.words <= settings.headline_max_words
        and not is_body_like(f, settings)
        and not f.low.endswith((".", ":"))
        and pattern_reason(lines[at], f, settings) is None
    ):
        return False
    following = at
    for _ in range(settings.teaser_max_heads):
        following = next_content(features, following)
        if following is None:
            return False
        summary = features[following]
        if summary.terminal or is_body_like(summary, settings):  # a summary may be one short sentence
            return summary.words <= settings.teaser_max_words
    return False


def _resumes_body(f: LineFeatures, settings: CleanSettings) -> bool:
    return f.words >= settings.block_resume_min_words and is_body_like(f, settings)


def _comments_block_is_real(
    features: Sequence[LineFeatures],
    start: int,
    body_words_before: int,
    *,
    needs_marker: bool,
    settings: CleanSettings,
) -> bool:
    """Guard the article: a comments header needs body before it, and the prose after it must
    not outweigh the prose before it (a "Comments (18)" link above the article fails), unless
    comment markers recur through it, as they do in a real thread (one per comment: a "Reply"
    link, a vote count), starting within one comment's prose of the header (a "Read Comments
    (11)" link above the article has the whole article before the thread's first marker)."""
    if body_words_before < settings.comments_min_body_words_before:
        return False
    after = features[start + 1 :]
    prose = [f.words if is_body_like(f, settings) else 0 for f in after]
    markers = [
        offset
        for offset, f in enumerate(after)
        if not f.blank and f.words <= 12 and _COMMENT_MARKER.search(f.low.lstrip(_SIGNATURE_LEAD))
    ]
    body_after = sum(prose)
    if (
        markers
        and body_after <= len(markers) * settings.comments_max_prose_words_per_marker
        and sum(prose[: markers[0]]) <= settings.comments_max_prose_words_per_marker
    ):
        return True
    return not needs_marker and body_after <= body_words_before
