using System;
using System.IO;
using System.Text.Json;
using Zsep.Stack.Types;

namespace Zsep.Tests
{
    /// <summary>Shared by every test project (linked in). Loads the published vectors copied into tests/vectors (each names its source inside).</summary>
    internal static class Vectors
    {
        public static JsonElement Load(string relativePath)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "vectors", relativePath);
            using FileStream stream = File.OpenRead(path);
            using JsonDocument doc = JsonDocument.Parse(stream);
            return doc.RootElement.Clone();
        }

        public static byte[] Bytes(this JsonElement element, string property) =>
            Hex.Parse(element.GetProperty(property).GetString()!);

        public static string Str(this JsonElement element, string property) =>
            element.GetProperty(property).GetString()!;
    }
}
