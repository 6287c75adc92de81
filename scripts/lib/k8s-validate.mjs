// Validates Kubernetes objects (a JSON List or object on stdin, as `kubectl ... -o json` prints it) against the
// Kubernetes OpenAPI schemas that the npm package kubernetes-models (pinned in scripts/container-smoke.sh) is
// generated from: types, required fields, enums, formats, and no unknown fields. Prints one line per object;
// exits 1 when any object is invalid. Usage: node k8s-validate.mjs MODELS_DIR < objects.json
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const dir = process.argv[2];
const input = JSON.parse(readFileSync(0, "utf8"));
const items = input.kind === "List" ? input.items : [input];
let bad = 0;
for (const obj of items) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : [null, obj.apiVersion];
  const path = join(dir, "node_modules/kubernetes-models", ...(group ? [group, version] : [version]), obj.kind + ".js");
  const name = `${obj.kind}/${obj.metadata?.name} (${obj.apiVersion})`;
  let Model;
  try {
    Model = (await import(pathToFileURL(path).href))[obj.kind];
  } catch (e) {
    console.log(`INVALID ${name}: no such kind in the Kubernetes API (${e.code ?? e.message})`);
    bad++;
    continue;
  }
  try {
    new Model(obj).validate();
    console.log(`valid   ${name}`);
  } catch (e) {
    console.log(`INVALID ${name}: ${e.message}`);
    bad++;
  }
}
process.exit(bad ? 1 : 0);
