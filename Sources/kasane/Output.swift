import KasaneApp
import KasaneStore
import KasaneWording

extension Catalogue {
    /// A CLI line in the run's language: `ja` by default, `en` with `--lang en` / `KASANE_LANG=en`
    /// (for the headings and one-off lines of the CLI; typed values go through `Worded`).
    func say(_ ja: String, en: String) -> String {
        language == .ja ? ja : en
    }
}

/// The error as the CLI prints it: the typed errors of the application and the store in the
/// run's words (`wording`); any other error as it is.
func worded(_ error: any Error) -> any Error {
    switch error {
    case let e as AppError: InputError(wording(e))
    case let e as StoreError: InputError(wording(e))
    case let e as FeedTokenError: InputError(wording(e))
    case let e as LocatedError where e.storeError != nil:
        InputError((e.source.map { "\($0): " } ?? "") + wording(e.storeError!))
    default: error
    }
}
