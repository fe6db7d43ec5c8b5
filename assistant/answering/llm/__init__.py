"""LLM answerers (LangChain chat models, llama.cpp), their prompt files, and the check that a
written sentence is supported by its citation."""
