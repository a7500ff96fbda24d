s = "Assay: skills assessment engine"
print(s.lower(), s.upper(), s.title(), s.swapcase())
print(s.split(), s.split(":"), s.find("skill"), s.count("s"), s.replace("s", "$"))
print(s[::-1], s[7:13], "-".join(s.split()), s.center(40, "."), s.zfill(35))
print(f"{s!r:>40}", f"{len(s):04d}", s.startswith("Ass"), s.isalpha(), "42".isdigit())
print(sorted(s.replace(" ", "")), " ".join(reversed(s.split())))
