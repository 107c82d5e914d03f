using Memento.Core.Memory;

namespace Memento.Core.Loop;

/// <summary>The Read step of an episode: the policy, K, the bank's size at read time and the cases it returned.</summary>
public sealed record EpisodeRead(string Policy, int K, int BankSize, IReadOnlyList<Case> Cases);
