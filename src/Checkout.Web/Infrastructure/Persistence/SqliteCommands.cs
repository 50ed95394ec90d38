namespace Checkout.Web.Infrastructure.Persistence;

using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

/// <summary>Raw SQL for <see cref="SqliteGroupCommit"/>, with parameters stored exactly as EF Core stores them.</summary>
public static class SqliteCommands
{
    /// <summary>
    /// Adds <c>$Property</c> (or <paramref name="parameterName"/>) converted by the EF model's own mapping for that
    /// property, so the row reads back through EF unchanged (Guid text, enum names, instants as numbers).
    /// </summary>
    public static SqliteCommand With<TEntity>(this SqliteCommand command, IModel model, string property, object? value, string? parameterName = null)
    {
        var mapping = model.FindEntityType(typeof(TEntity))?.FindProperty(property)?.GetRelationalTypeMapping()
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.");
        command.Parameters.Add(mapping.CreateParameter(command, parameterName ?? "$" + property, value, nullable: value is null));
        return command;
    }

    /// <summary>A command on <paramref name="connection"/> for <paramref name="sql"/>, outside any group-commit batch.</summary>
    public static SqliteCommand CreateCommand(this SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds <paramref name="parameterName"/> as a JSON array of <paramref name="values"/>, for <c>json_each</c>: one statement whatever their number.</summary>
    public static SqliteCommand WithJsonArray(this SqliteCommand command, string parameterName, IEnumerable<string> values)
    {
        command.Parameters.AddWithValue(parameterName, JsonSerializer.Serialize(values));
        return command;
    }

    /// <summary>
    /// Inserts <paramref name="entity"/> with every column the EF model maps for its type, each value converted as EF
    /// converts it, so a property added to the model is written here too without a second list to keep.
    /// </summary>
    public static int Insert<TEntity>(this SqliteBatch batch, IModel model, TEntity entity)
        where TEntity : class
    {
        var type = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var insert = InsertStatements.GetValue(type, NewInsertStatement);
        var command = batch.Command(insert.Sql);
        foreach (var (property, mapping) in insert.Columns)
        {
            var value = property.GetGetter().GetClrValue(entity);
            command.Parameters.Add(mapping.CreateParameter(command, "$" + property.Name, value, nullable: value is null));
        }
        return command.ExecuteNonQuery();
    }

    private static readonly ConditionalWeakTable<IEntityType, InsertStatement> InsertStatements = new();

    private static InsertStatement NewInsertStatement(IEntityType type)
    {
        var properties = type.GetProperties().ToList();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
        var values = string.Join(", ", properties.Select(p => "$" + p.Name));
        return new(
            $"INSERT INTO \"{type.GetTableName()}\" ({columns}) VALUES ({values})",
            [.. properties.Select(p => (p, p.GetRelationalTypeMapping()))]);
    }

    private sealed record InsertStatement(string Sql, IReadOnlyList<(IProperty Property, RelationalTypeMapping Mapping)> Columns);
}
