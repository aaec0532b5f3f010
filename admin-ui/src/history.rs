//! A conversation's messages as the view holds them: pages arrive oldest first, live ones
//! from the hub, and each is kept once, in `seq` order.

use parley_shared_types::message::{Message, SenderType};

/// How many messages one history page holds.
pub const PAGE_SIZE: u32 = 30;

/// The page holding the newest of `total` messages (pages start at 1; an empty conversation
/// still has page 1).
pub fn last_page(total: u64, limit: u32) -> u32 {
    let limit = u64::from(limit.max(1));
    total.div_ceil(limit).max(1) as u32
}

/// Adds `incoming` to `list`, once per `seq`, in order; a message seen again replaces the
/// older copy (its read state may have changed).
pub fn insert(list: &mut Vec<Message>, incoming: impl IntoIterator<Item = Message>) {
    for message in incoming {
        match list.binary_search_by_key(&message.seq, |m| m.seq) {
            Ok(at) => list[at] = message,
            Err(at) => list.insert(at, message),
        }
    }
}

/// Visitor messages the agent has not marked read yet.
pub fn unread_from_visitor(list: &[Message]) -> Vec<String> {
    list.iter()
        .filter(|m| m.sender_type == SenderType::Visitor && !m.is_read)
        .map(|m| m.id.clone())
        .collect()
}

/// `HH:MM` of an RFC 3339 timestamp in the browser's time zone, with the date when it is not
/// today.
pub fn short_time(timestamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    let today = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    if date.to_date_string() == today.to_date_string() {
        time
    } else {
        format!(
            "{}-{:02}-{:02} {time}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn message(seq: u64, sender: SenderType, read: bool) -> Message {
        Message {
            id: format!("m-{seq}"),
            conversation_id: "c".into(),
            seq,
            content: "hi".into(),
            sender_type: sender,
            sender_id: "s".into(),
            is_read: read,
            created_at: "2026-01-01T00:00:00Z".into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        }
    }

    #[wasm_bindgen_test]
    fn the_newest_page_comes_from_the_total() {
        assert_eq!(last_page(0, 30), 1);
        assert_eq!(last_page(1, 30), 1);
        assert_eq!(last_page(30, 30), 1);
        assert_eq!(last_page(31, 30), 2);
        assert_eq!(last_page(95, 30), 4);
        assert_eq!(last_page(5, 0), 5, "a zero limit counts as one");
    }

    #[wasm_bindgen_test]
    fn older_pages_and_live_messages_merge_once_in_order() {
        let mut list = vec![message(4, SenderType::Visitor, false)];
        insert(
            &mut list,
            [1, 2, 3].map(|s| message(s, SenderType::Agent, false)),
        );
        insert(&mut list, [message(5, SenderType::Visitor, false)]);
        insert(&mut list, [message(4, SenderType::Visitor, true)]);
        assert_eq!(
            list.iter().map(|m| m.seq).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        assert!(list[3].is_read, "the newer copy replaced the old");
        assert_eq!(unread_from_visitor(&list), ["m-5"]);
    }

    #[wasm_bindgen_test]
    fn times_read_in_the_local_zone() {
        assert_eq!(short_time("not a date"), "not a date");
        let now = js_sys::Date::new_0().to_iso_string().as_string().unwrap();
        assert_eq!(short_time(&now).len(), 5, "today shows only the time");
        assert!(short_time("2020-03-04T12:00:00Z").starts_with("2020-03-0"));
    }
}
