// Assay's grants, checkpoints and results verify with third-party JOSE libraries: npm `jose`
// here, and PyJWT through tests/interop/verify_pyjwt.py. Tokens come from the `assay` CLI.
// Run after `cargo build -p assay-cli`:  node --test tests/interop/
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compactVerify, importJWK, decodeProtectedHeader } from "jose";

const root = new URL("../../", import.meta.url).pathname;
const bin = process.env.ASSAY_BIN ?? join(root, "target/debug/assay");
const python = process.env.ASSAY_PYTHON ?? join(root, "target/interop-venv/bin/python");
const dir = mkdtempSync(join(tmpdir(), "assay-interop-"));
const at = (name) => join(dir, name);
const assay = (...args) => execFileSync(bin, args, { cwd: root, encoding: "utf8" }).trim();
const AUD = "https://hiring.example";

before(() => {
  assay("keygen", "--out", at("issuer.jwk"), "--public", at("issuer.pub.jwk"));
  assay("keygen", "--out", at("session.jwk"), "--public", at("session.pub.jwk"));
  const grant = assay(
    "grant", "--key", at("issuer.jwk"), "--package", "samples/data-ai-practice.json",
    "--session-key", at("session.pub.jwk"), "--aud", AUD, "--sub", "applicant-7", "--seed", "20261128",
  );
  writeFileSync(at("grant.jws"), grant);
  const result = assay(
    "sign-result", "--key", at("session.jwk"), "--grant", at("grant.jws"),
    "--package", "samples/data-ai-practice.json", "--events", "tests/golden/practice.events.jsonl",
  );
  writeFileSync(at("result.jws"), result);
});

const jwk = (name) => JSON.parse(readFileSync(at(name), "utf8"));

test("jose verifies the result with the session key from the grant", async () => {
  const result = readFileSync(at("result.jws"), "utf8").trim();
  const header = decodeProtectedHeader(result);
  assert.deepEqual(header, { alg: "EdDSA", kid: jwk("session.pub.jwk").kid, typ: "assessment-result+jwt" });
  const { payload } = await compactVerify(result, await importJWK(jwk("session.pub.jwk"), "EdDSA"));
  const claims = JSON.parse(new TextDecoder().decode(payload));
  assert.equal(claims.aud, AUD);
  assert.equal(claims.sub, "applicant-7");
  assert.equal(claims.log.alg, "sha256-jcs-chain");
  assert.ok(Number.isSafeInteger(claims.score.raw) && Number.isSafeInteger(claims.score.max));
});

test("jose verifies the grant with the issuer key, and refuses the wrong key", async () => {
  const grant = readFileSync(at("grant.jws"), "utf8").trim();
  const { payload } = await compactVerify(grant, await importJWK(jwk("issuer.pub.jwk"), "EdDSA"));
  const claims = JSON.parse(new TextDecoder().decode(payload));
  assert.equal(claims.cnf.jkt, jwk("session.pub.jwk").kid);
  await assert.rejects(compactVerify(grant, await importJWK(jwk("session.pub.jwk"), "EdDSA")));
});

test("PyJWT verifies the result, including aud, exp and iat", { skip: !existsSync(python) && !process.env.CI && "no interop venv (scripts/setup makes it)" }, () => {
  const out = execFileSync(python, [join(root, "tests/interop/verify_pyjwt.py"), at("result.jws"), at("session.pub.jwk"), AUD], {
    encoding: "utf8",
  });
  const { header, claims } = JSON.parse(out);
  assert.equal(header.alg, "EdDSA");
  assert.equal(claims.sid, JSON.parse(Buffer.from(readFileSync(at("grant.jws"), "utf8").split(".")[1], "base64url")).sid);
  assert.throws(() =>
    execFileSync(python, [join(root, "tests/interop/verify_pyjwt.py"), at("result.jws"), at("issuer.pub.jwk"), AUD], { stdio: "pipe" }),
  );
});
