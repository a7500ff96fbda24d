text = "Café £5 — naïve résumé ☃"
data = text.encode("utf-8")
print(len(text), len(data), data[:8], data.decode("utf-8") == text)
print(text.encode("ascii", errors="replace"), text.encode("ascii", errors="ignore").decode())
print([hex(ord(c)) for c in "é£☃"], chr(0x263A), "\u00e9" == "é", "\N{SNOWMAN}")
print(ascii("Café"), repr("tab\there"), "é".isalpha(), "٣".isdigit(), "Ⅻ".isnumeric())
b = b"hello \x00\xff world"
print(b, len(b), b[0], b[-1:], list(b[:3]), b.upper(), b.split(), b.find(b"world"))
print(bytes([72, 105]), bytes(3), bytes.fromhex("de ad be ef"), b"\xde\xad".hex(), b"abc".hex("-"))
ba = bytearray(b"abc")
ba.append(100)
ba[0] = 65
ba.extend(b"!!")
print(ba, ba.decode(), bytes(ba), ba.count(b"!"), ba.startswith(b"Ab"))
print(b"a,b,,c".split(b","), b"-".join([b"x", b"y"]), b"  pad ".strip(), b"x" * 3 + b"y")
print("ÀÉÎ".lower(), "ß".upper(), "ﬁ".upper(), "İ".lower() == "i̇", len("👍🏽"), "👍🏽"[0] == "👍")
print(sorted(["é", "e", "f", "E", "z"]), "résumé".encode("latin-1"), b"caf\xe9".decode("latin-1"))
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError:
    print("invalid utf-8 rejected")
print(int.from_bytes("Hi".encode(), "big"), bytes(reversed(b"stressed")))
