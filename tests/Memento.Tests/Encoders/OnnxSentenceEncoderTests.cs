using System.Globalization;
using Memento.Core.Memory;
using Memento.Onnx;
using NUnit.Framework;

namespace Memento.Tests.Encoders;

public class OnnxSentenceEncoderTests
{
    private static readonly Lazy<OnnxSentenceEncoder> Shared = new(() => new OnnxSentenceEncoder(PackagedMiniLm.Get()));
    private static OnnxSentenceEncoder Encoder => Shared.Value;

    private static float[] Encode(string text)
    {
        var vector = new float[Encoder.Dimension];
        Encoder.Encode(text, vector);
        return vector;
    }

    [Test]
    public void The_packaged_model_is_384_dimensional_and_gives_unit_vectors()
    {
        Assert.That(Encoder.Dimension, Is.EqualTo(384));
        var v = Encode("Who directed the film Titanic?");
        Assert.That(MathF.Sqrt(VectorIndex.Dot(v, v)), Is.EqualTo(1f).Within(1e-5));
    }

    [Test]
    public void Vectors_match_the_pinned_reference_of_the_packaged_wrapper()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "Memento.Tests", "Encoders", "Fixtures", "minilm-reference.tsv");
        var rows = File.ReadAllLines(path).Select(line => line.Split('\t')).ToArray();
        Assert.That(rows, Has.Length.EqualTo(2));
        foreach (var row in rows)
        {
            var expected = row[1].Split(' ').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var actual = Encode(row[0]);
            Assert.That(actual, Has.Length.EqualTo(expected.Length));
            var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
            Assert.That(worst, Is.LessThan(1e-5f), $"largest difference from the reference for '{row[0]}'");
        }
        Assert.That(VectorIndex.Dot(Encode(rows[0][0]), Encode(rows[1][0])), Is.EqualTo(0.948f).Within(0.001f), "docs/design.md §10's cosine");
    }

    [Test]
    public void Each_question_finds_its_paraphrase_among_the_others()
    {
        (string, string)[] pairs =
        [
            ("Who directed the film Titanic?", "Which director made the movie Titanic?"),
            ("What is the capital city of Australia?", "Which city is Australia's capital?"),
            ("How many legs does a spider have?", "What is the number of legs on a spider?"),
            ("When did the Berlin Wall fall?", "In which year was the Berlin Wall torn down?"),
            ("Who wrote the novel Pride and Prejudice?", "Which author penned Pride and Prejudice?"),
            ("What is the boiling point of water at sea level?", "At what temperature does water boil at sea level?"),
        ];
        var questions = pairs.Select(p => Encode(p.Item1)).ToArray();
        var paraphrases = pairs.Select(p => Encode(p.Item2)).ToArray();
        for (var i = 0; i < pairs.Length; i++)
        {
            var scores = paraphrases.Select(p => VectorIndex.Dot(questions[i], p)).ToArray();
            Assert.That(Array.IndexOf(scores, scores.Max()), Is.EqualTo(i), $"nearest paraphrase of '{pairs[i].Item1}'");
        }
    }

    [Test]
    public void A_batch_gives_the_vectors_of_single_texts()
    {
        string[] texts = ["short one", "a considerably longer sentence that needs more word pieces than the first", "x"];
        var batch = new float[texts.Length * Encoder.Dimension];
        Encoder.EncodeBatch(texts, batch);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = Encode(texts[i]);
            var worst = single.Select((v, d) => Math.Abs(v - batch[i * Encoder.Dimension + d])).Max();
            Assert.That(worst, Is.LessThan(1e-5f), texts[i]);
        }
    }

    [Test]
    public void Pooling_comes_from_a_sentence_transformers_config_beside_the_model()
    {
        var dir = TestPaths.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "onnx"));
        Directory.CreateDirectory(Path.Combine(dir, "1_Pooling"));
        File.WriteAllText(Path.Combine(dir, "1_Pooling", "config.json"), """{"word_embedding_dimension": 384, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}""");
        Assert.That(PoolingConfig.Find(Path.Combine(dir, "onnx", "model.onnx")), Is.EqualTo(Pooling.Cls));
        Assert.That(PoolingConfig.Find(Path.Combine(TestPaths.TempDir(), "model.onnx")), Is.Null);
    }
}
