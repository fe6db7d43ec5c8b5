"""From retrieved passages to quoted evidence: candidate sentences, the shortlist, the
reader's reading, quoting, and the two extractive answerers built from them."""
