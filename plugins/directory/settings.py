from partnerdir.settings import Setting

SETTINGS = (
    Setting("DIRECTORY_REQUIRED_PLUGINS", [], "plugins the build must not go on without (Pelican only logs one "
            "that fails to load); pelicanconf.py lists all of PLUGINS"),
    Setting("DIRECTORY_BUILD_DATE", "", "the build date (YYYY-MM-DD) that decides what is in the future or past; "
            "empty takes SOURCE_DATE_EPOCH, else today"),
    Setting("DIRECTORY_REPOSITORY_URL", "", "web address of the source repository, for 'edit this file' links; empty hides them"),
    Setting("DIRECTORY_BRANCH", "main", "the branch that 'edit this file' links open"),
    Setting("DIRECTORY_PAGE_SIZE", 300, "how many items a page of a long list shows (the directory, its lists, "
            "places, countries, states); more go on page/2/, page/3/…"),
    Setting("DIRECTORY_PROCESSES", 0, "how many processes read content and write pages in a large build; "
            "0 takes one per core, 1 works in one process (the output is the same)"),
    Setting("DIRECTORY_CACHE", True, "keep what each partnership file gave and what each page was made from "
            "under CACHE_PATH, so a rebuild reads and writes only what changed (make clean removes it)"),
    Setting("DIRECTORY_SCHEMAS_URL", "schemas/", "where the JSON Schemas of the content kinds are published, for editors"),
    Setting(
        "DIRECTORY_CSP",
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
        "the Content-Security-Policy every page carries in a <meta> tag ('wasm-unsafe-eval' lets Pagefind run its WebAssembly)",
    ),
)
