print("generate-examples: not yet")
