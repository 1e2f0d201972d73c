"""The directory's controlled vocabulary, with labels and explanations.

The JSON Schemas in ``schemas/`` use exactly these values (a test checks it), and
the directory's filters, badges and search facets read their labels from here.
"""

KINDS = {
    "sister": ("Sister cities", "Two places in different countries."),
    "sibling": ("Sibling cities", "Two US places in different states (Sibling Cities USA)."),
    "friendship": ("Friendship", "A looser tie between two places."),
}

STATUSES = {
    "official": ("Official", "Approved by both governments or city councils."),
    "unofficial": ("Unofficial", "Run by residents, without council approval."),
    "campaign": ("Campaign", "Residents are seeking official status."),
    "inactive": ("Inactive", "No longer active."),
    "unknown": ("Status unknown", "The sources do not say."),
}

PILLARS = {
    "community": ("Community", "Culture, heritage, exchanges, arts, service and sports."),
    "commerce": ("Commerce", "Chambers of commerce, universities, investors, jobs."),
    "civil-discourse": ("Civil discourse", "Joint town halls and dialogues on policy."),
}

PLACE_TYPES = (
    "city",
    "town",
    "village",
    "refugee camp",
    "county",
    "municipality",
    "borough",
    "township",
)

# Languages written right to left, for the ``dir`` attribute of local names.
RTL_LANGUAGES = frozenset({"ar", "arc", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"})


def label(table: dict, value: str) -> str:
    return table[value][0]
