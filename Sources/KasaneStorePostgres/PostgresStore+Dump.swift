import Foundation
public import KasaneStore
import PostgresNIO

extension PostgresStore: WorkspaceCopying {
    /// Every row of the tenant as stored (`WorkspaceDump`), on one snapshot.
    public func exportDump() throws -> WorkspaceDump {
        try read { tx in
            let fingerprint = try tx.value(String?.self, "SELECT fingerprint FROM tenant_state") ?? nil
            var tables: [String: [[DumpValue]]] = [:]
            for table in WorkspaceDump.tables {
                // Every column as text (booleans as 0/1, integers as digits), typed back by the column list.
                let columns = table.columns.map { column -> String in
                    if column == "case_number", let caseColumn = table.caseColumn {
                        return "(SELECT number FROM case_file c WHERE c.id = t.\(caseColumn))"
                    }
                    return table.bools.contains(column) ? "(t.\(column))::int::text" : "(t.\(column))::text"
                }
                let kinds = try tx.query(PostgresQuery(unsafeSQL: """
                    SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute
                    WHERE attrelid = 'public.\(table.name)'::regclass AND attnum > 0
                    """)).map { try $0.decode((String, String).self) }
                let integers = Set(kinds.filter { ["integer", "bigint", "boolean"].contains($0.1) }.map(\.0))
                tables[table.name] = try tx.query(PostgresQuery(unsafeSQL: """
                    SELECT \(columns.joined(separator: ", ")) FROM \(table.name) t
                    ORDER BY \(table.order.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                    """)).map { row in
                    let texts = try row.map { try $0.decode(String?.self) }
                    return zip(table.columns, texts).map { column, text -> DumpValue in
                        guard let text else { return .null }
                        return integers.contains(column) ? Int(text).map(DumpValue.int) ?? .text(text) : .text(text)
                    }
                }
            }
            return WorkspaceDump(chainKeyFingerprint: fingerprint ?? "", tables: tables)
        }
    }

    /// Writes `dump` into this empty tenant in one transaction.
    /// - Throws: `WorkspaceDumpError.unknownFormat`, `.targetNotEmpty`, `.otherChainKey`.
    public func importDump(_ dump: WorkspaceDump) throws {
        guard dump.format == WorkspaceDump.currentFormat else { throw WorkspaceDumpError.unknownFormat(dump.format) }
        try write { tx in
            let present = try tx.value(Int.self, "SELECT (SELECT count(*) FROM agency) + (SELECT count(*) FROM case_file)") ?? 0
            guard present == 0 else { throw WorkspaceDumpError.targetNotEmpty }
            guard EventChain.fingerprint(try sealingKey(tx)) == dump.chainKeyFingerprint else {
                throw WorkspaceDumpError.otherChainKey
            }
            for table in WorkspaceDump.tables {
                let columns = table.columns.map { $0 == "case_number" && table.caseColumn != nil ? table.caseColumn! : $0 }
                for row in dump.tables[table.name] ?? [] {
                    var binds = PostgresBindings()
                    var values: [String] = []
                    for (i, (column, value)) in zip(table.columns, row).enumerated() {
                        let placeholder = "$\(i + 1)"
                        switch value {
                        case .null: binds.appendNull()
                        case .int(let n) where table.bools.contains(column): binds.append(n != 0)
                        case .int(let n): binds.append(n)
                        case .text(let t): binds.append(t)
                        }
                        values.append(column == "case_number" && table.caseColumn != nil
                            ? "(SELECT id FROM case_file WHERE number = \(placeholder))" : placeholder)
                    }
                    try tx.execute(PostgresQuery(unsafeSQL: """
                        INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))
                        """, binds: binds))
                }
            }
        }
    }
}
