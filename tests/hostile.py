"""Hostile strings every form field must survive: a clear error or a redirect, never a 500 or an injection."""

MARKER = "mvoi-xss"

HOSTILE_STRINGS = [
    f"<script>alert('{MARKER}')</script>",
    f'"><img src=x onerror="alert(\'{MARKER}\')">',
    f"javascript:alert('{MARKER}')",
    f"<svg onload=alert('{MARKER}')>",
    f"'; DROP TABLE manifest_organisation; -- {MARKER}",
    f"1 OR 1=1 /* {MARKER} */",
    "x" * 100_000,
    f"nul\x00byte {MARKER}",
    f"right\u202eto-left override {MARKER}",
    f"emoji 🌍♻️👩🏽‍💼 {MARKER}",
    f'=HYPERLINK("http://evil.example","{MARKER}")',
    f"+cmd|' /C calc'!A0 {MARKER}",
    f"@SUM(1+1) {MARKER}",
    f"{{{{ settings.SECRET_KEY }}}} {{% debug %}} {MARKER}",
]
