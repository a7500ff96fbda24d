import re

text = "Call 0161 496 0000 or 020 7946 0018; email help@example.gov.uk by 2024-07-01."
print(re.findall(r"\b0\d{2,3} \d{3,4} \d{4}\b", text))
print(re.search(r"(\d{4})-(\d{2})-(\d{2})", text).groups(), re.sub(r"\d", "#", text))
print(re.split(r"[;.]\s*", text), re.findall(r"[\w.]+@[\w.]+\w", text), re.match(r"\w+", text).group())
print([m.group(0) for m in re.finditer(r"\b[A-Za-z]{4}\b", text)], re.compile(r"x*").sub("-", "abc"))
