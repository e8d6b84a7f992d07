"""The return fingerprint: a SHA-256 of what the return says, independent of file formats.

Two bundles exported from the same answers, evidence and sign-off have the same fingerprint
even though their workbook and PDF bytes differ (export times are written into them). What
the partnership recorded (meetings, agreement, actions) counts too, but only when there is any,
so a return without meetings keeps the fingerprint it always had.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from stocktake_desktop.export.snapshot import ReturnSnapshot


def return_fingerprint(snapshot: ReturnSnapshot, evidence_sha256: dict[int, str]) -> str:
    """``sha256:<hex>`` of the canonical JSON of the return's content."""
    answers = [
        {
            "ref": answer.ref,
            "codes": sorted(answer.codes),
            "narrative": answer.narrative,
            "good_practice": answer.good_practice,
            "good_practice_note": answer.good_practice_note,
            "support_required": answer.support_required,
        }
        for answer in (snapshot.answers[q.ref] for q in snapshot.template.questions)
    ]
    evidence = [
        {
            "ref": item.link.ref,
            "name": item.bundle_name,
            "sha256": evidence_sha256.get(item.link.id, ""),
        }
        for item in snapshot.all_evidence()
    ]
    content: dict[str, Any] = {
        "stocktake": snapshot.template.id,
        "stocktake_hash": snapshot.template.content_hash,
        "locality": snapshot.locality,
        "answers": answers,
        "evidence": evidence,
        "completed_by": snapshot.completed_by,
        "sign_off": {key: list(value) for key, value in snapshot.sign_off.items()},
    }
    if snapshot.has_meetings:
        content["meetings"] = [asdict(meeting) for meeting in snapshot.meetings]
        content["agreement"] = [
            asdict(snapshot.agreement(q.ref)) for q in snapshot.template.questions
        ]
        content["actions"] = [asdict(action) for action in snapshot.actions]
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
