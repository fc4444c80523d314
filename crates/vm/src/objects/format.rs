//! String formatting: the format-spec mini-language (`format()`, f-strings,
//! `str.format`) and printf-style `%` formatting, following CPython's rules.

use crate::interp::Vm;
use crate::objects::float::float_repr_string;
use crate::objects::int::{int_ref, IntRef};
use crate::value::Value;
use crate::PyResult;

#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i].iter().collect::<String>().parse().ok()?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        s.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return None;
    }
    Some(s)
}

fn group_digits(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / every);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `body` (with sign prefix `sign`) to the spec's width.
fn pad(spec: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    let fill = spec.fill.unwrap_or(if spec.zero && spec.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = spec
        .align
        .unwrap_or(if spec.zero { '=' } else { default_align });
    if spec.width <= len {
        return format!("{sign}{body}");
    }
    let n = spec.width - len;
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

fn sign_str(neg: bool, spec: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Fixes Rust's `1.5e2` exponent form to CPython's `1.5e+02`.
fn fix_exponent(s: &str, upper: bool) -> String {
    let Some(i) = s.find('e') else {
        return s.to_string();
    };
    let (m, e) = (&s[..i], &s[i + 1..]);
    let (esign, digits) = match e.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', e),
    };
    let e_char = if upper { 'E' } else { 'e' };
    format!("{m}{e_char}{esign}{digits:0>2}")
}

/// `%g`-style formatting of a finite, non-negative `x` with `p` significant digits.
fn format_general(x: f64, p: usize, alternate: bool, upper: bool) -> String {
    let p = p.max(1);
    if x == 0.0 {
        return if alternate {
            format!("{:.*}", p - 1, 0.0)
        } else {
            "0".into()
        };
    }
    let sci = format!("{:.*e}", p - 1, x);
    let exp: i32 = sci[sci.find('e').map(|i| i + 1).unwrap_or(0)..]
        .parse()
        .unwrap_or(0);
    let mut out = if exp >= -4 && exp < p as i32 {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x)
    } else {
        fix_exponent(&sci, upper)
    };
    if !alternate {
        let (m, e) = match out.find(['e', 'E']) {
            Some(i) => (out[..i].to_string(), out[i..].to_string()),
            None => (out.clone(), String::new()),
        };
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            m
        };
        out = format!("{m}{e}");
    }
    out
}

fn format_float(x: f64, spec: &Spec) -> Option<String> {
    let neg = x.is_sign_negative() && !x.is_nan();
    let a = x.abs();
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    let mut body = if !a.is_finite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    } else {
        match spec.ty {
            Some('f' | 'F') => format!("{:.*}", spec.precision.unwrap_or(6), a),
            Some('e' | 'E') => {
                fix_exponent(&format!("{:.*e}", spec.precision.unwrap_or(6), a), upper)
            }
            Some('g' | 'G') => {
                format_general(a, spec.precision.unwrap_or(6), spec.alternate, upper)
            }
            Some('%') => format!("{:.*}%", spec.precision.unwrap_or(6), a * 100.0),
            None => match spec.precision {
                Some(p) => {
                    let s = format_general(a, p, spec.alternate, false);
                    if s.contains(['.', 'e', 'n', 'i']) {
                        s
                    } else {
                        format!("{s}.0")
                    }
                }
                None => float_repr_string(a),
            },
            _ => return None,
        }
    };
    if let Some(sep) = spec.grouping {
        let end = body
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len());
        body = format!("{}{}", group_digits(&body[..end], sep, 3), &body[end..]);
    }
    Some(pad(spec, sign_str(neg, spec), &body, '>'))
}

fn format_int(i: &IntRef, spec: &Spec) -> Option<String> {
    let big = i.to_ibig();
    let neg = big < dashu_int::IBig::ZERO;
    let mag = if neg { -big } else { big };
    let (digits, prefix) = match spec.ty {
        None | Some('d' | 'n') => (mag.to_string(), ""),
        Some('b') => (format!("{:b}", mag), "0b"),
        Some('o') => (format!("{:o}", mag), "0o"),
        Some('x') => (format!("{:x}", mag), "0x"),
        Some('X') => (format!("{:X}", mag), "0X"),
        Some('c') => {
            let c = char::from_u32(u32::try_from(&mag).ok()?)?;
            return Some(pad(spec, "", &c.to_string(), '<'));
        }
        _ => return None,
    };
    let digits = match spec.grouping {
        Some(sep) => group_digits(
            &digits,
            sep,
            if matches!(spec.ty, Some('b' | 'o' | 'x' | 'X')) {
                4
            } else {
                3
            },
        ),
        None => digits,
    };
    let sign = format!(
        "{}{}",
        sign_str(neg, spec),
        if spec.alternate { prefix } else { "" }
    );
    Some(pad(spec, &sign, &digits, '>'))
}

impl Vm {
    /// `format(value, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            return self.str(v);
        }
        let bad = |vm: &mut Vm| {
            let msg = format!(
                "Invalid format specifier '{spec}' for object of type '{}'",
                vm.type_name(v)
            );
            vm.value_error(&msg)
        };
        let Some(parsed) = parse_spec(spec) else {
            return Err(bad(self));
        };
        if let Some(i) = int_ref(v) {
            if matches!(parsed.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) {
                return format_float(i.to_f64(), &parsed).ok_or_else(|| bad(self));
            }
            return format_int(&i, &parsed).ok_or_else(|| bad(self));
        }
        if let Some(x) = v.as_float() {
            return format_float(x, &parsed).ok_or_else(|| bad(self));
        }
        if let Some(s) = v.as_str() {
            if !matches!(parsed.ty, None | Some('s')) {
                let msg = format!(
                    "Unknown format code '{}' for object of type 'str'",
                    parsed.ty.unwrap_or(' ')
                );
                return Err(self.value_error(&msg));
            }
            let s: String = match parsed.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s.to_string(),
            };
            return Ok(pad(&parsed, "", &s, '<'));
        }
        let s = self.str(v)?;
        if parsed.ty.is_some() {
            let msg = format!(
                "unsupported format string passed to {}.__format__",
                self.type_name(v)
            );
            return Err(self.type_error(&msg));
        }
        Ok(pad(&parsed, "", &s, '<'))
    }

    fn convert(&mut self, v: &Value, conv: Option<char>) -> PyResult<Value> {
        match conv {
            Some('r') => {
                let s = self.repr(v)?;
                Ok(self.new_str(&s))
            }
            Some('s') => self.str_value(v),
            Some('a') => {
                let s = self.repr(v)?;
                let ascii: String = s
                    .chars()
                    .map(|c| {
                        if c.is_ascii() {
                            c.to_string()
                        } else {
                            format!("\\u{:04x}", c as u32)
                        }
                    })
                    .collect();
                Ok(self.new_str(&ascii))
            }
            _ => Ok(v.clone()),
        }
    }

    /// `FORMAT_VALUE`: flags & 3 is the conversion, flags & 4 means a spec is on the stack.
    pub(crate) fn op_format_value(&mut self, flags: usize) -> PyResult<()> {
        let spec = if flags & 4 != 0 {
            self.pop()
        } else {
            Value::NULL
        };
        let v = self.pop();
        let conv = match flags & 3 {
            1 => Some('s'),
            2 => Some('r'),
            3 => Some('a'),
            _ => None,
        };
        let v = self.convert(&v, conv)?;
        if spec.as_pystr().is_some_and(|s| s.has_surrogates()) {
            return Err(self.surrogates_unsupported("a format spec"));
        }
        let spec = spec.as_str().unwrap_or("").to_string();
        let s = if spec.is_empty() && v.as_pystr().is_some() {
            v
        } else {
            let s = self.format_value(&v, &spec)?;
            self.new_str(&s)
        };
        self.push(s);
        Ok(())
    }
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(
    vm: &mut Vm,
    fmt: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<String> {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut auto = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching '}' allowing one level of nesting in the spec.
        let mut depth = 1;
        let mut j = i + 1;
        while j < chars.len() && depth > 0 {
            match chars[j] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if depth != 0 {
            return Err(vm.value_error("expected '}' before end of string"));
        }
        let field: String = chars[i + 1..j - 1].iter().collect();
        i = j;
        let (name_conv, spec) = match field.find(':') {
            Some(k) => (field[..k].to_string(), field[k + 1..].to_string()),
            None => (field.clone(), String::new()),
        };
        let (name, conv) = match name_conv.find('!') {
            Some(k) => (
                name_conv[..k].to_string(),
                name_conv[k + 1..].chars().next(),
            ),
            None => (name_conv, None),
        };
        let spec = if spec.contains('{') {
            str_format(vm, &spec, args, kwargs)?
        } else {
            spec
        };
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let head = &name[..first_end];
        let mut value = if head.is_empty() {
            let v = args.get(auto).cloned();
            auto += 1;
            match v {
                Some(v) => v,
                None => {
                    let msg = format!(
                        "Replacement index {} out of range for positional args tuple",
                        auto - 1
                    );
                    return Err(vm.index_error(&msg));
                }
            }
        } else if let Ok(n) = head.parse::<usize>() {
            match args.get(n) {
                Some(v) => v.clone(),
                None => {
                    let msg =
                        format!("Replacement index {n} out of range for positional args tuple");
                    return Err(vm.index_error(&msg));
                }
            }
        } else {
            match kwargs.iter().find(|(k, _)| k.as_str() == Some(head)) {
                Some((_, v)) => v.clone(),
                None => {
                    let key = vm.new_str(head);
                    return Err(vm.key_error(key));
                }
            }
        };
        let mut rest = &name[first_end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let attr = vm.new_str(&r[..end]);
                value = vm.get_attr(&value, &attr)?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']').unwrap_or(r.len());
                let key_text = &r[..end];
                let key = match key_text.parse::<i64>() {
                    Ok(n) => vm.new_int(n),
                    Err(_) => vm.new_str(key_text),
                };
                value = vm.get_item(&value, &key)?;
                rest = r.get(end + 1..).unwrap_or("");
            } else {
                break;
            }
        }
        let value = vm.convert(&value, conv)?;
        out.push_str(&vm.format_value(&value, &spec)?);
    }
    Ok(out)
}

/// printf-style `str % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match args.as_tuple() {
        Some(t) => t.to_vec(),
        None => vec![args.clone()],
    };
    let mapping = args.as_dict().is_some();
    let mut next = 0;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key_value = None;
        if chars.get(i) == Some(&'(') && mapping {
            let end = chars[i..]
                .iter()
                .position(|&c| c == ')')
                .map(|p| p + i)
                .unwrap_or(chars.len());
            let key: String = chars[i + 1..end].iter().collect();
            let k = vm.new_str(&key);
            key_value = Some(vm.get_item(args, &k)?);
            i = end + 1;
        }
        let mut flags = String::new();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            flags.push(chars[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            width.push(chars[i]);
            i += 1;
        }
        let mut precision = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                p.push(chars[i]);
                i += 1;
            }
            precision = Some(p);
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let value = match key_value {
            Some(v) => v,
            None => {
                let v = items.get(next).cloned();
                next += 1;
                match v {
                    Some(v) => v,
                    None => return Err(vm.type_error("not enough arguments for format string")),
                }
            }
        };
        let align = if flags.contains('-') { "<" } else { "" };
        let zero = if flags.contains('0') && !flags.contains('-') {
            "0"
        } else {
            ""
        };
        let sign = if flags.contains('+') {
            "+"
        } else if flags.contains(' ') {
            " "
        } else {
            ""
        };
        let alt = if flags.contains('#') { "#" } else { "" };
        let prec = precision
            .map(|p| format!(".{}", if p.is_empty() { "0" } else { &p }))
            .unwrap_or_default();
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = if conv == 's' {
                    vm.str(&value)?
                } else {
                    vm.repr(&value)?
                };
                let sv = vm.new_str(&s);
                let align = if align.is_empty() { ">" } else { align };
                vm.format_value(&sv, &format!("{align}{width}{prec}"))?
            }
            'd' | 'i' | 'u' => {
                let v = if let Some(f) = value.as_float() {
                    vm.new_int(f.trunc() as i64)
                } else {
                    value
                };
                if int_ref(&v).is_none() {
                    let msg = format!(
                        "%{conv} format: a real number is required, not {}",
                        vm.type_name(&v)
                    );
                    return Err(vm.type_error(&msg));
                }
                vm.format_value(&v, &format!("{align}{sign}{zero}{width}d"))?
            }
            'x' | 'X' | 'o' => {
                vm.format_value(&value, &format!("{align}{sign}{alt}{zero}{width}{conv}"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let f = match int_ref(&value) {
                    Some(i) => Value::float(i.to_f64()),
                    None => value,
                };
                vm.format_value(&f, &format!("{align}{sign}{alt}{zero}{width}{prec}{conv}"))?
            }
            'c' => vm.format_value(&value, "c")?,
            _ => {
                let msg = format!(
                    "unsupported format character '{conv}' (0x{:x}) at index {}",
                    conv as u32,
                    i - 1
                );
                return Err(vm.value_error(&msg));
            }
        };
        out.push_str(&piece);
    }
    if next < items.len() && !mapping {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(vm.new_str(&out))
}
