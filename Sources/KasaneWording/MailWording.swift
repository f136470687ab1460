public import KasaneMail

// Issue 14.6: why the relay did not take a message, in words (never a password: the error
// carries none).

extension SMTPError.Step: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.connect, .ja): "接続"
        case (.tls, .ja): "TLS の確立"
        case (.greeting, .ja): "サーバーの最初の応答 (220)"
        case (.hello, .ja): "EHLO/HELO"
        case (.startTLS, .ja): "STARTTLS"
        case (.auth, .ja): "認証 (AUTH)"
        case (.mailFrom, .ja): "MAIL FROM"
        case (.rcptTo, .ja): "RCPT TO"
        case (.data, .ja): "DATA"
        case (.message, .ja): "本文の送信"
        case (_, .en): rawValue
        }
    }
}

extension SMTPError: Worded {
    /// `SMTP <step>: <what went wrong>: <what to do>`.
    public func words(in language: Language) -> String {
        "SMTP \(step.words(in: language)): " + causeWords(language)
    }

    private func causeWords(_ language: Language) -> String {
        switch language {
        case .ja: japanese
        case .en: description.dropFirst("SMTP \(step.rawValue): ".count).description
        }
    }

    private var japanese: String {
        switch cause {
        case .refused(let code, let text): "サーバーが \(code) で断りました（\(text)）"
        case .notAnAddress(let address): "'\(address)' は単純なメールアドレス (local@domain) ではありません: 登録簿のアドレスを直してください"
        case .noRecipients: "宛先がありません"
        case .emptyHeloName: "EHLO で名乗るホスト名が空です"
        case .portOutOfRange(let port): "ポート \(port) は 1 から 65535 の範囲にありません"
        case .cannotResolve(let host, let detail): "ホスト名 '\(host)' を引けません（\(detail)）: --smtp のホスト名を確かめてください"
        case .cannotConnect(let host, let port, let detail):
            "\(host) のポート \(port) に接続できません（\(detail)）: 中継サーバーが動いているか、ホスト名とポートを確かめてください"
        case .timedOut: "時間内に応答がありません（タイムアウト）: 中継サーバーとネットワークを確かめてください"
        case .closedByServer: "サーバーが途中で接続を切りました"
        case .system(let detail): "通信に失敗しました（\(detail)）"
        case .notAReply(let line): "サーバーの応答が SMTP の形ではありません（'\(line)'）: ポートと --smtp-security を確かめてください"
        case .replyTooLong(let limit): "サーバーの応答が長すぎます（\(limit) バイト超）"
        case .startTLSNotOffered:
            "サーバーが STARTTLS に対応していません（平文では何も送っていません）: 暗号化に対応した中継サーバーか、"
                + "--smtp-security tls（ポート 465 など）を指定してください"
        case .authNotOffered(let wanted, let offered):
            "サーバーが認証方式 \(wanted.joined(separator: "・")) を提供していません（提供: "
                + "\(offered.isEmpty ? "なし" : offered.joined(separator: " "))）: --smtp-auth を確かめてください"
        case .authWithoutTLS:
            "暗号化なしでは認証しません（パスワードが平文で流れるため）: --smtp-security starttls か tls を指定してください"
        case .authRejected(let code, let text):
            "ユーザー名かパスワードが受け付けられませんでした（\(code) \(text)）: --smtp-user とパスワードファイル"
                + "（または KASANE_SMTP_PASSWORD）を確かめてください"
        case .certificateUntrusted(let detail):
            "サーバーの証明書を信頼できません（\(detail)）: 送信していません。自治体の CA の証明書を --smtp-ca-file で"
                + "指定してください（証明書の検証は無効にできません）"
        case .certificateNameMismatch(let host):
            "サーバーの証明書が '\(host)' のものではありません: 送信していません。証明書に書かれたホスト名を --smtp に指定してください"
        case .tlsFailed(let detail): "TLS を確立できませんでした（\(detail)）: --smtp-security とポートの組み合わせを確かめてください"
        case .badCAFile(let path, let detail): "CA ファイル \(path) を PEM の証明書として読めません（\(detail)）"
        }
    }
}
