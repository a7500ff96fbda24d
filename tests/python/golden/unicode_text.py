s = "Zürich – Ελλάδα – 東京 – naïve café"
print(s, len(s), s.upper(), s.lower(), s.casefold(), s.encode("utf-8"))
print([c for c in s if not c.isascii()][:8], sorted(set(s.replace(" ", "")))[:6], s[::-1])
