"""Independent check of docs/envelope-format.md: decrypts every frozen vector from the document alone.

Usage: python3 envelope_vectors.py ../resources/io/ekms/sdk/envelope/vectors.txt (needs the cryptography package)."""
import hmac, hashlib, struct, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
dek = bytes(range(32))
checked = 0
for line in open(sys.argv[1]):
    if line.startswith('#') or not line.strip(): continue
    name, F, ctx, pt, env = line.strip().split('|'); env = bytes.fromhex(env)
    assert env[:6] == b'EKMS\x01\x01'; F2 = struct.unpack('>I', env[6:10])[0]; mid = env[10:42]; biv = env[42:54]
    p = 54; lv = env[p]; p += 1 + lv; lk = env[p]; p += 1 + lk; lw = struct.unpack('>H', env[p:p+2])[0]; p += 2 + lw
    n = struct.unpack('>H', env[p:p+2])[0]; p += 2
    for _ in range(n):
        kl = struct.unpack('>H', env[p:p+2])[0]; p += 2 + kl; vl = struct.unpack('>H', env[p:p+2])[0]; p += 2 + vl
    hb = env[:p]; tag = env[p:p+32]; p += 32
    prk = hmac.new(mid, dek, hashlib.sha256).digest()
    fk = hmac.new(prk, b'ekms-envelope-v1 frame key\x01', hashlib.sha256).digest()
    hk = hmac.new(prk, b'ekms-envelope-v1 header key\x01', hashlib.sha256).digest()
    assert hmac.compare_digest(hmac.new(hk, hb, hashlib.sha256).digest(), tag)
    h = hashlib.sha256(hb + tag).digest(); out = b''; i = 0
    while True:
        L = struct.unpack('>I', env[p:p+4])[0]; p += 4; final = L < F2
        iv = biv[:4] + bytes(a ^ b for a, b in zip(biv[4:], struct.pack('>Q', i)))
        out += AESGCM(fk).decrypt(iv, env[p:p+L+16], h + struct.pack('>Q', i) + bytes([1 if final else 0])); p += L + 16; i += 1
        if final: break
    assert p == len(env) and out.hex() == pt, name
    print(name, 'ok', len(out), 'bytes,', i, 'frames')
    checked += 1
if checked == 0:
    sys.exit('no vectors in ' + sys.argv[1])
