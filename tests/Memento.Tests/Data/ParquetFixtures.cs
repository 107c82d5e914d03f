using Parquet;
using Parquet.Schema;

namespace Memento.Tests.Data;

/// <summary>Writes small parquet files for reader tests.</summary>
internal static class ParquetFixtures
{
    /// <summary>A file of flat, nullable string columns.</summary>
    public static void WriteStrings(string path, params (string Name, string?[] Values)[] columns)
    {
        var schema = new ParquetSchema(columns.Select(c => (Field)new DataField(c.Name, typeof(string), true)).ToArray());
        Write(path, schema, columns.Select(c => c.Values).ToArray());
    }

    /// <summary>A flat file whose columns are string[] (nullable strings) or int[] (required 32-bit integers).</summary>
    public static void WriteMixed(string path, params (string Name, Array Values)[] columns)
    {
        var schema = new ParquetSchema(columns.Select(c => (Field)(c.Values is int[]
            ? new DataField(c.Name, typeof(int), false)
            : new DataField(c.Name, typeof(string), true))).ToArray());
        WriteMixedAsync().GetAwaiter().GetResult();

        async Task WriteMixedAsync()
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            var fields = schema.GetDataFields();
            for (var i = 0; i < fields.Length; i++)
            {
                if (columns[i].Values is int[] ints) await group.WriteAsync(fields[i], new ReadOnlyMemory<int>(ints), null, null, default);
                else await group.WriteAsync(fields[i], (string[])columns[i].Values, null);
            }
        }
    }

    /// <summary>A DeepResearcher-layout file: data_source, prompt list&lt;struct{content, role}&gt;, ability,
    /// reward_model{ground_truth, style}, extra_info{index, split}; one prompt message per row.</summary>
    public static void WriteDeepResearcher(string path, params (string? Source, string? Question, string? Answer, string? Id)[] rows)
    {
        var schema = new ParquetSchema(
            new DataField("data_source", typeof(string), true),
            new ListField("prompt", new StructField("element",
                new DataField("content", typeof(string), true),
                new DataField("role", typeof(string), true))),
            new DataField("ability", typeof(string), true),
            new StructField("reward_model", new DataField("ground_truth", typeof(string), true), new DataField("style", typeof(string), true)),
            new StructField("extra_info", new DataField("index", typeof(string), true), new DataField("split", typeof(string), true)));
        Write(path, schema,
        [
            rows.Select(r => r.Source).ToArray(),
            rows.Select(r => r.Question).ToArray(),
            rows.Select(_ => (string?)"user").ToArray(),
            rows.Select(_ => (string?)"qa").ToArray(),
            rows.Select(r => r.Answer).ToArray(),
            rows.Select(_ => (string?)"rule").ToArray(),
            rows.Select(r => r.Id).ToArray(),
            rows.Select(_ => (string?)"test").ToArray(),
        ]);
    }

    private static void Write(string path, ParquetSchema schema, string?[][] columns)
    {
        WriteAsync().GetAwaiter().GetResult();

        async Task WriteAsync()
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            var fields = schema.GetDataFields();
            for (var i = 0; i < fields.Length; i++)
            {
                ReadOnlyMemory<int>? levels = fields[i].MaxRepetitionLevel > 0 ? new int[columns[i].Length] : null;
                await group.WriteAsync(fields[i], columns[i]!, levels);
            }
        }
    }
}
