using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// Keeps a request within <c>maxTokens</c> (cl100k count of its texts, tool calls and results): the system messages
/// and the first user message (the subtask) always stay; the oldest later turns are dropped first. An assistant turn
/// that calls tools is dropped together with its tool results, so the history stays well-formed.
/// Sits under the function-invocation loop, so it trims the executor's growing tool history on every round.
/// </summary>
internal sealed class ContextTrimmingChatClient(IChatClient inner, int maxTokens) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Trim(messages.ToList(), maxTokens), options, cancellationToken);

    public static IReadOnlyList<ChatMessage> Trim(IReadOnlyList<ChatMessage> messages, int maxTokens)
    {
        var total = messages.Sum(Tokens);
        if (total <= maxTokens) return messages;
        var firstUser = messages.ToList().FindIndex(m => m.Role == ChatRole.User);
        var pinned = new HashSet<int>(Enumerable.Range(0, messages.Count).Where(i => messages[i].Role == ChatRole.System || i == firstUser));
        // Turns: an unpinned message plus the tool results that answer it.
        var turns = new List<List<int>>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (pinned.Contains(i)) continue;
            if (messages[i].Role == ChatRole.Tool && turns.Count > 0) turns[^1].Add(i);
            else turns.Add([i]);
        }
        var dropped = new HashSet<int>();
        foreach (var turn in turns.Take(turns.Count - 1))   // the newest turn always stays
        {
            if (total <= maxTokens) break;
            foreach (var i in turn) { dropped.Add(i); total -= Tokens(messages[i]); }
        }
        return messages.Where((_, i) => !dropped.Contains(i)).ToList();
    }

    private static int Tokens(ChatMessage message) => 4 + message.Contents.Sum(c => c switch
    {
        TextContent t => TokenCounter.Count(t.Text),
        FunctionCallContent call => TokenCounter.Count(call.Name + JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)),
        FunctionResultContent r => TokenCounter.Count(r.Result as string ?? JsonSerializer.Serialize(r.Result, AIJsonUtilities.DefaultOptions)),
        _ => 0,
    });
}
