"""Function words of the languages news pages are most often written in, for the prose test.

A line reads as prose when enough of its words are function words (articles, prepositions,
pronouns, auxiliaries). English stop words alone misread Indonesian, Spanish or German paragraphs
as menus or headlines, and the short-word fallback (`CleanSettings.function_word_max_chars`)
misses the many function words longer than three letters ("yang", "dengan", "della", "werden").
Only ASCII spellings are listed: the line kernel's word table holds ASCII words.

Words that are also common English content words ("come", "war", "met", "plus") are left out, so
an English line never reads as more prose than it is.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_BY_LANGUAGE = {
    "id": """yang dan di ke dari untuk dengan pada dalam ini itu adalah akan tidak juga oleh atau sudah
        telah saat karena tapi tetapi namun mereka kita kami saya ia dia bisa dapat ada seperti jika
        kalau bahwa agar hingga sampai lebih sangat masih hanya para serta setelah sebelum saja pun
        lagi belum harus bagi antara tersebut""",
    "es": """el la los las un una unos unas del al de y o que en por para con como pero su sus se lo le
        les es son fue han ha hay este esta estos estas ese esa muy mas entre sobre desde hasta
        cuando donde porque tambien ya no ni yo nos ellos ella""",
    "it": """il lo la gli le un una uno del della dei delle dello al alla ai agli alle di da in con su per
        tra fra che non e ed ma anche se sono stato stata ha hanno questo questa questi quello quella
        nel nella nei negli sul sulla molto piu dove quando perche loro lui lei""",
    "fr": """le la les un une des du de et ou que qui dans pour par sur avec est sont etait ont ce cette
        ces il elle ils elles nous vous je au aux mais leur leurs comme dont pas ne se sa ses lui y en""",
    "de": """der die das den dem des ein eine einen einem einer und oder aber nicht mit von zu im ist sind
        hat wurde werden haben auch auf aus bei nach wie wenn dass sich es er sie wir ihr ich noch nur
        schon sehr vor zum zur durch""",
    "pt": """o os as um uma uns umas do da dos das no na nos nas ao aos de e ou que em por para com como
        mas seu sua seus suas se foi sao tem ser este esta isso isto ele ela eles elas muito entre
        sobre quando onde tambem nao""",
    "nl": """de het een en of van in op te voor aan bij uit naar over dat dit deze zijn is was werd wordt
        heeft hebben ook niet maar als om er hij zij ze wij we ik nog wel dan""",
}
_ENGLISH_CONTENT_WORDS = frozenset(
    {"come", "son", "war", "van", "plus", "met", "era", "par", "mit", "sans", "est", "e", "o", "y"}
)

FUNCTION_WORDS = ENGLISH_STOP_WORDS | (
    frozenset(word for words in _BY_LANGUAGE.values() for word in words.split()) - _ENGLISH_CONTENT_WORDS
)
