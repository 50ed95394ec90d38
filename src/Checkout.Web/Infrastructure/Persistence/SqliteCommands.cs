namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

/// <summary>Raw SQL for <see cref="SqliteGroupCommit"/>, with parameters stored exactly as EF Core stores them.</summary>
public static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

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

    /// <summary>
    /// Inserts <paramref name="entity"/> with every column the EF model maps for its type, each value converted as EF
    /// converts it, so a property added to the model is written here too without a second list to keep.
    /// </summary>
    public static int Insert<TEntity>(this SqliteTransaction transaction, IModel model, TEntity entity)
        where TEntity : class
    {
        var type = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var properties = type.GetProperties().ToList();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
        var values = string.Join(", ", properties.Select(p => "$" + p.Name));
        using var command = transaction.Command($"INSERT INTO \"{type.GetTableName()}\" ({columns}) VALUES ({values})");
        foreach (var property in properties)
        {
            command.With<TEntity>(model, property.Name, property.GetGetter().GetClrValue(entity));
        }
        return command.ExecuteNonQuery();
    }
}
