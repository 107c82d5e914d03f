using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>Memento's JSONL copy of the DeepResearcher test set: <c>{question, ground_truth, data_source}</c>,
/// alternatives joined by <c>&lt;|answer_split|&gt;</c>. Task id = source + "_" + row number within the file.</summary>
public static class MementoJsonlReader
{
    public static IReadOnlyList<QaTask> Read(string path)
    {
        var tasks = new List<QaTask>();
        var row = 0;
        foreach (var (line, json) in JsonLines.Read(path))
        {
            var source = json.RequiredString("data_source", path, line);
            var golds = QaTask.SplitAnswers(json.RequiredString("ground_truth", path, line));
            if (golds.Count == 0) throw MementoException.AtLine(path, line, "field 'ground_truth' has no answer");
            tasks.Add(new QaTask($"{source}_{row++}", json.RequiredString("question", path, line), golds, source));
        }
        if (tasks.Count == 0) throw new MementoException($"{path}: the dataset file has no rows");
        return tasks;
    }
}
