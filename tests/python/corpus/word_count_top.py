import sys
from collections import Counter

text = sys.stdin.read().lower()
words = [w.strip(".,;:!?\"'()") for w in text.split()]
words = [w for w in words if w]
counts = Counter(words)
print(f"{len(words)} words, {len(counts)} distinct")
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
    print(f"{word:<10}{n:>3}")
