using Memento.Core.Memory;

namespace Memento.Learning;

/// <summary>A Q-network read policy, whatever its features: what a finished run saves of it.</summary>
public interface IQNetPolicy : IReadPolicy, IDisposable
{
    /// <summary>Writes the network (conventionally <c>qnet.pt</c>), usable as <c>memory.qnet.init</c>.</summary>
    void Save(string path);

    /// <summary>Writes the training history as <c>episode,loss,auc</c>.</summary>
    void WriteHistoryCsv(string path);
}
