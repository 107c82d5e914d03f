using CsvHelper;

namespace Memento.Core.Results;

/// <summary>Reads and writes the run folder's CSV files through CsvHelper's generated record mappers.</summary>
public static class CsvFiles
{
    public static void Write<T>(string path, IEnumerable<T> rows)
    {
        using var writer = new StreamWriter(path);
        using var csv = CsvWriter.Create(writer);
        csv.WriteRecords(rows);
    }

    public static List<T> Read<T>(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path);
        using var reader = new StreamReader(path);
        using var csv = CsvReader.Create(reader);
        return csv.GetRecords<T>().ToList();
    }
}
