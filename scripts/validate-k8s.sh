#!/usr/bin/env bash
# Schema-checks the Kubernetes manifests in deploy/k8s offline with kubernetes-validate (PyPI; it
# ships the API schemas, so no network is used), strictly (unknown fields are errors), against
# the oldest Kubernetes the manifests need (backoffLimitPerIndex and FailIndex are GA in 1.33) and
# the newest the validator knows. kustomization.yaml is kustomize's file, not a resource: its
# configMapGenerator files are the job templates, validated here as the Jobs they become.
#
#   bash scripts/validate-k8s.sh        # installs kubernetes-validate with pip when missing
set -euo pipefail
cd "$(dirname "$0")/.."
command -v kubernetes-validate >/dev/null || python3 -m pip install -q kubernetes-validate
files=(deploy/k8s/storage.yaml deploy/k8s/rbac.yaml deploy/k8s/cronjob.yaml deploy/k8s/shards-job.yaml deploy/k8s/merge-job.yaml)
for v in 1.33.0 1.37.0; do
    kubernetes-validate --strict -k "$v" "${files[@]}"
done
bash -n deploy/k8s/night.sh
# The Jobs night.sh makes from the templates (7 shards here) are valid too.
rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT
(
    source <(sed -n '/^make()/,/^}/p' deploy/k8s/night.sh)
    SHARDS=7 NIGHT=restock-night-29012345 image=registry.example.com/restock:1 owner=00000000-0000-0000-0000-000000000000
    TEMPLATES=deploy/k8s
    make shards-job.yaml "$NIGHT-shards" > "$rendered/shards.yaml"
    make merge-job.yaml "$NIGHT-merge" > "$rendered/merge.yaml"
)
grep -q "completions: 7" "$rendered/shards.yaml" && grep -q 'value: "7"' "$rendered/merge.yaml" \
    && grep -q "name: restock-night-29012345-shards" "$rendered/shards.yaml" && grep -q "uid: 00000000" "$rendered/merge.yaml" \
    || { echo "validate-k8s: night.sh did not render the templates as expected" >&2; exit 1; }
kubernetes-validate --strict -k 1.33.0 "$rendered/shards.yaml" "$rendered/merge.yaml"
# Every file kustomize is told about exists.
for f in $(sed -n 's/^ *- \([a-z-]*\.\(yaml\|sh\)\)$/\1/p' deploy/k8s/kustomization.yaml); do
    [[ -f deploy/k8s/$f ]] || { echo "validate-k8s: kustomization.yaml names $f, which does not exist" >&2; exit 1; }
done
echo "validate-k8s: ${#files[@]} manifests valid (strict, Kubernetes 1.33 and 1.37)"
