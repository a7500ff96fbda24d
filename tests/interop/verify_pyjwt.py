"""Verifies Assay tokens with PyJWT, as a backend written in Python would.

Usage: verify_pyjwt.py TOKEN_FILE JWK_FILE AUDIENCE
Prints the verified claims as JSON; exits non-zero if PyJWT rejects the token.
"""

import json
import sys

import jwt


def main() -> int:
    token = open(sys.argv[1], encoding="utf-8").read().strip()
    jwk = json.load(open(sys.argv[2], encoding="utf-8"))
    audience = sys.argv[3]
    key = jwt.PyJWK(jwk, algorithm="EdDSA").key
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, key=key, algorithms=["EdDSA"], audience=audience)
    print(json.dumps({"header": header, "claims": claims}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
