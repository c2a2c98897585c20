"""From words to tags and back: tokenizer alignment, windows, BIO decoding, the Parser."""
