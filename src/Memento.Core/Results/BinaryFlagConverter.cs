using CsvHelper;

namespace Memento.Core.Results;

/// <summary>A yes/no column written as <c>1</c> / <c>0</c> (an empty field is null), the form the paper's tools read.</summary>
internal sealed class BinaryFlagConverter : ICsvConverter<bool>
{
    public bool Read(CsvReader reader, int index) => reader.GetString(index).Trim() switch
    {
        "1" => true,
        "0" => false,
        var other => throw new FormatException($"expected 1 or 0, got '{other}'"),
    };

    public void Write(CsvWriter writer, bool value) => writer.WriteField(value ? "1" : "0");
}
