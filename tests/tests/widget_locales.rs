//! The widget's locale tables (`widget/locales/<language>.json`) translate every text the
//! widget shows (shared-types' `WidgetText`), no more, keep each placeholder, and exist for
//! each language the loader offers.

use parley_shared_types::widget_text::{WIDGET_LANGUAGES, WidgetText};
use parley_tests::process::repo_root;
use std::collections::BTreeMap;

fn placeholders(text: &str) -> Vec<&str> {
    text.match_indices('{')
        .filter_map(|(at, _)| text[at..].find('}').map(|end| &text[at..=at + end]))
        .collect()
}

#[test]
fn every_table_translates_every_text_and_keeps_its_placeholders() {
    for language in WIDGET_LANGUAGES {
        let path = repo_root().join(format!("widget/locales/{language}.json"));
        let text = std::fs::read_to_string(&path).unwrap();
        let table: BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let keys: Vec<&str> = table.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = WidgetText::ALL.iter().map(|t| t.key()).collect();
        expected.sort_unstable();
        assert_eq!(keys, expected, "{language}: the keys of WidgetText");
        for text in WidgetText::ALL {
            let translated = &table[text.key()];
            assert!(!translated.trim().is_empty(), "{language}.{}", text.key());
            assert_eq!(
                placeholders(translated),
                placeholders(text.english()),
                "{language}.{} keeps the placeholders of {:?}",
                text.key(),
                text.english()
            );
        }
    }
}
