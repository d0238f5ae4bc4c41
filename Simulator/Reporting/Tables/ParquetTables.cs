using Parquet;
using Parquet.Schema;

namespace NodeSim.Reporting.Tables;

/// <summary>Result tables as Parquet (Parquet.Net): one row group, nullable columns of string, long or double.</summary>
public static class ParquetTables
{
    public static void Write(ResultTable table, Stream stream) => WriteAsync(table, stream).GetAwaiter().GetResult();

    private static async Task WriteAsync(ResultTable table, Stream stream)
    {
        var fields = table.Columns.Select(c => new DataField(c.Name, c.Type switch
        {
            ColumnType.Integer => typeof(long),
            ColumnType.Real => typeof(double),
            _ => typeof(string),
        }, isNullable: true)).ToList();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.Cast<Field>().ToArray()), stream);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Count; i++)
        {
            var column = table.Columns[i];
            switch (column.Type)
            {
                case ColumnType.Integer:
                    await group.WriteAsync<long>(fields[i], column.Values.Select(v => (long?)v).ToArray().AsMemory());
                    break;
                case ColumnType.Real:
                    await group.WriteAsync<double>(fields[i], column.Values.Select(v => v is double d && !double.IsNaN(d) ? d : (double?)null).ToArray().AsMemory());
                    break;
                default:
                    await group.WriteAsync(fields[i], column.Values.Select(v => (string?)v).ToArray()!);
                    break;
            }
        }
    }
}
