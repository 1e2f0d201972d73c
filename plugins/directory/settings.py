from partnerdir.settings import Setting

SETTINGS = (
    Setting("DIRECTORY_REPOSITORY_URL", "", "web address of the source repository, for 'edit this file' links; empty hides them"),
    Setting("DIRECTORY_BRANCH", "main", "the branch that 'edit this file' links open"),
    Setting(
        "DIRECTORY_CSP",
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
        "the Content-Security-Policy every page carries in a <meta> tag ('wasm-unsafe-eval' lets Pagefind run its WebAssembly)",
    ),
)
