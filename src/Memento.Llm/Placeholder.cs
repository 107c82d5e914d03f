namespace Memento.Llm; internal static class Placeholder {}
