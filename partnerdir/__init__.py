"""The partnership directory's core: reading, the content model and validation.

Plain Python, independent of Pelican, so the build, ``validate`` and the other
command-line tasks share one loader (see ``partnerdir.loader``).
"""
