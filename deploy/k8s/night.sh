#!/usr/bin/env bash
# The night's coordinator (cronjob.yaml), after its init container wrote /data/work/pool.json:
# creates the Indexed Job of shards, waits until it completes or fails, then creates the merge Job
# and waits for it. Exits non-zero (failing the night) if either fails; the merge is never created
# after a failed shard. Needs: SHARDS, NIGHT (this Job's name); the images of the templates are
# those kustomize set (the templates are plain files in the ConfigMap).
set -euo pipefail
: "${SHARDS:?}" "${NIGHT:?}"
image=$(kubectl get job "$NIGHT" -o jsonpath='{.spec.template.spec.initContainers[0].image}')
owner=$(kubectl get job "$NIGHT" -o jsonpath='{.metadata.uid}')
make() {  # make TEMPLATE NAME: the template with this night's name, shard count, image and owner
    sed -e "s|^  name: restock-[a-z]*$|  name: $2\n  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: $NIGHT, uid: $owner}]|" \
        -e "s/^\(  *\)\(completions\|parallelism\): [0-9]*/\1\2: $SHARDS/" \
        -e "s|value: \"4\"|value: \"$SHARDS\"|" \
        -e "s|image: restock$|image: $image|" "${TEMPLATES:-/night}/$1"
}
run() {  # run TEMPLATE NAME: create the Job and wait until it completes (0) or fails (1)
    make "$1" "$2" | kubectl apply -f -
    while :; do
        status=$(kubectl get job "$2" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')
        case " $status " in
            *" Complete "*) echo "night: $2 complete"; return 0 ;;
            *" Failed "*) echo "night: $2 failed" >&2; kubectl get job "$2" -o jsonpath='{.status.failedIndexes}{"\n"}' >&2 || true; return 1 ;;
        esac
        sleep 10
    done
}
run shards-job.yaml "$NIGHT-shards"
run merge-job.yaml "$NIGHT-merge"
