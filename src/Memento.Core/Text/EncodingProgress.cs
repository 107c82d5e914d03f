namespace Memento.Core.Text;

/// <summary>A service for the plug-in context: receives (done, total) while a run's questions are encoded up front.</summary>
public sealed record EncodingProgress(Action<int, int> Report);
