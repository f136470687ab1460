import GRDB

extension AppDatabase: WorkspaceCopying {
    /// Every row of the workspace as stored (`WorkspaceDump`), in one read.
    /// - Throws: `WorkspaceDumpError.legacyAnchors` for a workspace with events from before the keyed chain.
    public func exportDump() throws -> WorkspaceDump {
        try read { db in
            let anchors = try Int.fetchOne(db, sql: "SELECT count(*) FROM chain_anchor") ?? 0
            if anchors > 0 { throw WorkspaceDumpError.legacyAnchors(anchors) }
            let fingerprint = try String.fetchOne(db, sql: "SELECT fingerprint FROM chain_key WHERE id = 1") ?? ""
            var tables: [String: [[DumpValue]]] = [:]
            for table in WorkspaceDump.tables {
                let columns = table.columns.map { column in
                    column == "case_number" && table.caseColumn != nil
                        ? "(SELECT number FROM case_file c WHERE c.id = t.\(table.caseColumn!))" : "t.\(column)"
                }
                tables[table.name] = try Row.fetchAll(db, sql: """
                    SELECT \(columns.joined(separator: ", ")) FROM \(table.name) t ORDER BY \(table.order)
                    """).map { row in
                    (0..<row.count).map { i -> DumpValue in
                        let value: DatabaseValue = row[i]
                        switch value.storage {
                        case .null: return .null
                        case .int64(let n): return .int(Int(n))
                        case .double(let d): return .text(String(d))
                        case .string(let t): return .text(t)
                        case .blob(let b): return .text(String(decoding: b, as: UTF8.self))
                        }
                    }
                }
            }
            return WorkspaceDump(chainKeyFingerprint: fingerprint, tables: tables)
        }
    }

    /// Writes `dump` into this empty workspace in one transaction.
    /// - Throws: `WorkspaceDumpError.unknownFormat`, `.targetNotEmpty`, `.otherChainKey`.
    public func importDump(_ dump: WorkspaceDump) throws {
        guard dump.format == WorkspaceDump.currentFormat else { throw WorkspaceDumpError.unknownFormat(dump.format) }
        try write { db in
            let present = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM agency) + (SELECT count(*) FROM case_file)") ?? 0
            guard present == 0 else { throw WorkspaceDumpError.targetNotEmpty }
            guard EventChain.fingerprint(try sealingKey(db)) == dump.chainKeyFingerprint else {
                throw WorkspaceDumpError.otherChainKey
            }
            for table in WorkspaceDump.tables {
                let columns = table.columns.map { $0 == "case_number" && table.caseColumn != nil ? table.caseColumn! : $0 }
                let values = table.columns.map { $0 == "case_number" && table.caseColumn != nil
                    ? "(SELECT id FROM case_file WHERE number = ?)" : "?" }
                let statement = try db.makeStatement(sql: """
                    INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))
                    """)
                for row in dump.tables[table.name] ?? [] {
                    try statement.execute(arguments: StatementArguments(row.map { value -> (any DatabaseValueConvertible)? in
                        switch value {
                        case .null: nil
                        case .int(let n): n
                        case .text(let t): t
                        }
                    }))
                }
            }
        }
    }
}
