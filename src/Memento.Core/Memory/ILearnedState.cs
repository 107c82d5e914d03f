using Memento.Core.Results;

namespace Memento.Core.Memory;

/// <summary>A read policy that learns leaves its state in the run folder when the run finishes (a network, a
/// training history), written atomically so a folder never holds half a file.</summary>
public interface ILearnedState
{
    void SaveTo(RunFolder run);
}
