"""A readable comparison of two versions of a document, section by section by key: which sections
were added, removed or changed, and within a changed one which words went and which came."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Words, the spaces between them and each punctuation mark are compared as units.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Piece:
    """A run of text that is the same in both versions (``equal``), only in the newer
    (``added``) or only in the older (``removed``)."""

    change: str
    text: str


@dataclass
class SectionChange:
    key: str
    change: str  # added, removed, changed or same
    old: object = None
    new: object = None
    heading: list = field(default_factory=list)
    text: list = field(default_factory=list)

    @property
    def title(self):
        return str(self.new or self.old)


def words(old, new):
    """``old`` → ``new`` as pieces, compared word by word."""
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    pieces = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for opcode, a1, a2, b1, b2 in matcher.get_opcodes():
        if opcode == "equal":
            pieces.append(Piece("equal", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(Piece("removed", "".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(Piece("added", "".join(after[b1:b2])))
    return pieces


def compare(old_sections, new_sections):
    """The changes from one version's sections to another's, in the newer's order, a removed
    section shown after the one it followed."""
    old_by_key = {section.key: section for section in old_sections}
    new_keys = {section.key for section in new_sections}
    removed_after = {}
    previous = None
    for section in old_sections:
        if section.key not in new_keys:
            removed_after.setdefault(previous, []).append(section)
        else:
            previous = section.key
    changes = [SectionChange(s.key, "removed", old=s) for s in removed_after.get(None, [])]
    for section in new_sections:
        old = old_by_key.get(section.key)
        if old is None:
            changes.append(SectionChange(section.key, "added", new=section))
        else:
            changes.append(_changed(old, section))
        changes.extend(
            SectionChange(s.key, "removed", old=s) for s in removed_after.get(section.key, [])
        )
    return changes


def _changed(old, new):
    heading_before, heading_after = str(old), str(new)
    if heading_before == heading_after and old.text == new.text:
        return SectionChange(new.key, "same", old=old, new=new)
    return SectionChange(
        new.key,
        "changed",
        old=old,
        new=new,
        heading=words(heading_before, heading_after) if heading_before != heading_after else [],
        text=words(old.text, new.text),
    )
