using System.Text;
using System.Text.Json;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>
/// A small validation split in GAIA's layout, written by the test: <c>metadata.jsonl</c> (<c>task_id</c>, <c>Question</c>,
/// <c>Level</c>, <c>Final answer</c>, <c>file_name</c>, <c>Annotator Metadata</c>) with the attachments beside it, named
/// by task id as GAIA names them — a name nobody guesses. One task per kind read_file extracts (CSV, XLSX, DOCX, PPTX,
/// PDF, JSON, Python, ZIP), two whose answer needs computing on an attached CSV and XLSX (run_python, standard
/// library only), and one without attachment. Each attachment is made by the library read_file reads it with
/// (<see cref="Attachments"/>), so its licence is the project's.
/// </summary>
public static class GaiaFixture
{
    /// <summary>One task: its id, level, question, gold answer and attachment extension ("" for none).</summary>
    public sealed record Item(string Id, int Level, string Question, string Answer, string Extension)
    {
        public string FileName => Extension.Length == 0 ? "" : Id + Extension;
    }

    public static readonly IReadOnlyList<Item> Items =
    [
        new("0b7c1f52-6d1e-4c35-9a0e-1c3a5f6e7d01", 1, "Which code word does the attached table give?", "harbor", ".csv"),
        new("1d2e3f40-8a9b-4c5d-8e6f-2a3b4c5d6e02", 1, "What is the total of the amount column in the attached table?", "47", ".csv"),
        new("2e3f4a51-9b0c-4d6e-9f70-3b4c5d6e7f03", 2, "What is the total of the units column in the attached spreadsheet?", "42", ".xlsx"),
        new("3f4a5b62-0c1d-4e7f-8081-4c5d6e7f8004", 2, "Which code word does the attached spreadsheet give?", "lantern", ".xlsx"),
        new("4a5b6c73-1d2e-4f80-9192-5d6e7f809105", 1, "Which code word does the attached document give?", "meadow", ".docx"),
        new("5b6c7d84-2e3f-4091-a2a3-6e7f8091a206", 2, "Which code word do the attached slides give?", "compass", ".pptx"),
        new("6c7d8e95-3f40-41a2-b3b4-7f8091a2b307", 3, "Which code word does the attached report give?", "glacier", ".pdf"),
        new("7d8e9fa6-4051-42b3-84c5-8091a2b3c408", 1, "Which code word does the attached record give?", "orchard", ".json"),
        new("8e9fa0b7-5162-43c4-95d6-91a2b3c4d509", 2, "Which code word does the attached module give?", "falcon", ".py"),
        new("9fa0b1c8-6273-44d5-a6e7-a2b3c4d5e60a", 3, "Which code word does the attached archive hold?", "thistle", ".zip"),
        new("a0b1c2d9-7384-45e6-b7f8-b3c4d5e6f70b", 1, "What is six times seven?", "42", ""),
    ];

    /// <summary>Writes the split into <paramref name="folder"/> and returns the path of its <c>metadata.jsonl</c>.</summary>
    public static string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var item in Items.Where(i => i.Extension.Length > 0))
            WriteAttachment(Path.Join(folder, item.FileName), item);
        var path = Path.Join(folder, "metadata.jsonl");
        File.WriteAllLines(path, Items.Select(i => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["task_id"] = i.Id, ["Question"] = i.Question, ["Level"] = i.Level, ["Final answer"] = i.Answer, ["file_name"] = i.FileName,
            ["Annotator Metadata"] = new Dictionary<string, string> { ["Steps"] = "1. open the attachment", ["Number of steps"] = "1" },
        })));
        return path;
    }

    private static void WriteAttachment(string path, Item item)
    {
        var fact = $"FACT={item.Answer};";
        switch (item.Extension)
        {
            case ".csv" when item.Question.Contains("total"):
                File.WriteAllText(path, "item,amount\napples,12\npears,30\nplums,5\n");
                break;
            case ".csv":
                File.WriteAllText(path, $"key,value\ncolour,green\ncode,{fact}\n");
                break;
            case ".xlsx" when item.Question.Contains("total"):
                Attachments.Xlsx(path, ("Sales", [["region", "units"], ["north", 14.0], ["south", 28.0]]));
                break;
            case ".xlsx":
                Attachments.Xlsx(path, ("Notes", [["key", "value"], ["code", fact]]));
                break;
            case ".docx":
                Attachments.Docx(path, $"Minutes of the meeting. The code word is {fact}", [["a", "b"], ["1", "2"]]);
                break;
            case ".pptx":
                Attachments.Pptx(path, ("Welcome", "no code here"), ($"Code {fact}", "speaker notes"));
                break;
            case ".pdf":
                Attachments.Pdf(path, "Annual report, page one.", $"Page two: {fact}");
                break;
            case ".json":
                File.WriteAllText(path, $$$"""{"record": {"id": 7, "note": "{{{fact}}}"}}""");
                break;
            case ".py":
                File.WriteAllText(path, $"\"\"\"A small module.\"\"\"\n\n# {fact}\ndef double(x):\n    return 2 * x\n");
                break;
            case ".zip":
                Attachments.Zip(path, ("readme.txt", Encoding.UTF8.GetBytes("see the inner file")), ("inner/code.txt", Encoding.UTF8.GetBytes(fact)));
                break;
            default:
                throw new ArgumentException("no fixture for " + item.Extension);
        }
    }
}
