//! JSON as the browser reads and writes it: `JSON.parse`, `JSON.stringify` and property
//! access. The widget pays for every byte, and a JSON library (parser, serializer, the
//! derived code of each type and its error formatting) was a third of its wasm; here each
//! shape it reads is a few property reads ([`FromJs`]) and each it writes a few property
//! writes ([`ToJs`], [`Object`]).

use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::JsValue;

/// A value read from parsed JSON; `None` when a required field is missing or mistyped.
pub trait FromJs: Sized {
    fn from_js(value: &JsValue) -> Option<Self>;
}

/// A value written as a JSON-ready JS value, with the field names the edge reads.
pub trait ToJs {
    fn to_js(&self) -> JsValue;
}

/// The browser's parse of `text`; `None` when it is not JSON.
pub fn parse(text: &str) -> Option<JsValue> {
    JSON::parse(text).ok()
}

/// `value` as JSON text.
pub fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// `object[key]`; `undefined` when `object` is not an object.
pub fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn string(object: &JsValue, key: &str) -> Option<String> {
    field(object, key).as_string()
}

pub fn number(object: &JsValue, key: &str) -> Option<f64> {
    field(object, key).as_f64()
}

pub fn boolean(object: &JsValue, key: &str) -> Option<bool> {
    field(object, key).as_bool()
}

/// The items of the array at `object[key]`; `None` when it is not an array or an item does
/// not read as a `T`.
pub fn list<T: FromJs>(object: &JsValue, key: &str) -> Option<Vec<T>> {
    items(&field(object, key))?
        .iter()
        .map(|item| T::from_js(&item))
        .collect()
}

/// `value` as an array, if it is one.
pub fn items(value: &JsValue) -> Option<Array> {
    Array::is_array(value).then(|| Array::from(value))
}

/// A JS object being written field by field.
pub struct Object(js_sys::Object);

impl Object {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Object {
        Object(js_sys::Object::new())
    }

    pub fn set(&self, key: &str, value: &JsValue) -> &Object {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), value);
        self
    }

    pub fn set_str(&self, key: &str, value: &str) -> &Object {
        self.set(key, &JsValue::from_str(value))
    }

    /// Sets `key` only when there is a value: the field is left out, as the edge's optional
    /// fields are.
    pub fn set_some(&self, key: &str, value: Option<&str>) -> &Object {
        if let Some(value) = value {
            self.set_str(key, value);
        }
        self
    }

    pub fn into_js(self) -> JsValue {
        self.0.into()
    }
}

/// A JS array of `items`.
pub fn array<'a>(items: impl IntoIterator<Item = &'a JsValue>) -> JsValue {
    let array = Array::new();
    for item in items {
        array.push(item);
    }
    array.into()
}
