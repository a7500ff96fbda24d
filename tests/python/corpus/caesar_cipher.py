import string
import sys


def shift_table(k):
    lower, upper = string.ascii_lowercase, string.ascii_uppercase
    return str.maketrans(lower + upper, lower[k:] + lower[:k] + upper[k:] + upper[:k])


def encrypt(text, k):
    return text.translate(shift_table(k % 26))


def crack(cipher):
    freq_order = "etaoinshrdlcumwfgypbvkjxqz"
    best = None
    for k in range(26):
        candidate = encrypt(cipher, -k)
        score = sum(26 - freq_order.index(c) for c in candidate.lower() if c in freq_order)
        if best is None or score > best[0]:
            best = (score, k, candidate)
    return best[1], best[2]


text = sys.stdin.read().strip()
secret = encrypt(text, 13)
print(secret)
print(encrypt(secret, 13) == text)
shifted = encrypt(text, 7)
print(shifted[:40])
key, plain = crack(shifted)
print(key, plain[:40])
vowels = sum(text.lower().count(v) for v in "aeiou")
print(vowels, string.digits, string.punctuation[:10], string.capwords("hello   big world"))
