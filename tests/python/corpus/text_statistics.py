import re
import sys

text = sys.stdin.read()
lines = text.splitlines()
words = re.findall(r"[A-Za-z']+", text)
sentences = [s for s in re.split(r"[.!?]+\s*", text) if s.strip()]
print("lines", len(lines), "non-empty", sum(1 for l in lines if l.strip()))
print("words", len(words), "chars", len(text), "letters", sum(c.isalpha() for c in text))
print("sentences", len(sentences), "avg words/sentence", round(len(words) / len(sentences), 2))
longest = max(words, key=len)
print("longest word", longest, len(longest))
print("avg word length", f"{sum(map(len, words)) / len(words):.3f}")
caps = [w for w in words if w[0].isupper()]
print("capitalised", caps[:6])
freq = {}
for w in words:
    freq[w.lower()] = freq.get(w.lower(), 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6])
print("longest line", max(range(len(lines)), key=lambda i: len(lines[i])) + 1)
