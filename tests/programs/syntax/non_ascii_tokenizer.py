# Tokenizer errors count columns in characters.
nom = 'café' + 'crème
