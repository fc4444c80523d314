CommandCompiler():
