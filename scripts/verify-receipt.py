#!/usr/bin/env python3
"""Verifies a LabLedger right-of-reply receipt with the published key, using nothing but the Python standard library.

    scripts/verify-receipt.py RECEIPT_JSON JWKS_JSON [SUBMITTED_JSON]

RECEIPT_JSON: the body POST /api/reply/submissions answered (or any JSON with a "receipt" field, e.g. GET
/api/reply/submissions/{id}); JWKS_JSON: GET /.well-known/jwks.json. Checks the JWS signature (RS256, the key its
header names by kid) and, given the fields as submitted (SUBMITTED_JSON: the submission body plus "lab" and "target",
without question/answer/claim), that the receipt's sha256 is the SHA-256 of their RFC 8785 canonical form.
Exit 0 when everything checks, 1 otherwise.
"""
import base64, hashlib, json, sys


def b64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def canonical(v):
    # RFC 8785 for strings, arrays, objects, booleans, null and integers: sorted keys, no whitespace, minimal escapes
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main():
    receipt = json.load(open(sys.argv[1]))["receipt"]
    keys = json.load(open(sys.argv[2]))["keys"]
    head, payload, sig = receipt.split(".")
    header = json.loads(b64(head))
    key = next((k for k in keys if k.get("kid") == header.get("kid")), None)
    if header.get("alg") != "RS256" or key is None:
        print("no published RS256 key for kid", header.get("kid")); return 1
    n, e = int.from_bytes(b64(key["n"]), "big"), int.from_bytes(b64(key["e"]), "big")
    size = (n.bit_length() + 7) // 8
    em = pow(int.from_bytes(b64(sig), "big"), e, n).to_bytes(size, "big")
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420") + hashlib.sha256(f"{head}.{payload}".encode()).digest()
    if em != b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info:
        print("signature: INVALID"); return 1
    claims = json.loads(b64(payload))
    print("signature: valid (kid %s)" % header["kid"])
    print(json.dumps(claims, indent=1))
    if len(sys.argv) > 3:
        mine = hashlib.sha256(canonical(json.load(open(sys.argv[3]))).encode()).hexdigest()
        if mine != claims["sha256"]:
            print("sha256 of what you sent: %s -- DIFFERS from the receipt's" % mine); return 1
        print("sha256 of what you sent matches the receipt")
    return 0


sys.exit(main())
