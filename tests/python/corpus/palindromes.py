def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]


def longest_palindrome(s):
    best = ""
    for centre in range(2 * len(s) - 1):
        lo, hi = centre // 2, (centre + 1) // 2
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            lo -= 1
            hi += 1
        if hi - lo - 1 > len(best):
            best = s[lo + 1:hi]
    return best


for phrase in ["A man, a plan, a canal: Panama", "racecar", "hello", "", "No 'x' in Nixon", "12321", "ab"]:
    print(f"{phrase!r}: {is_palindrome(phrase)}")
for s in ["babad", "forgeeksskeegfor", "abacdfgdcaba", "a", "cbbd"]:
    print(s, "->", longest_palindrome(s))
print([n for n in range(10, 200) if str(n) == str(n)[::-1] and str(n * n) == str(n * n)[::-1]])
